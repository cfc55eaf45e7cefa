/* A stand-in for BranchDesk.exe and branchdesk-cli.exe when no Windows build
 * of the bundle exists (installer/payload.py standin, for check-windows.sh):
 * a tiny real Windows program with the same names, so the installer can be
 * compiled, installed, upgraded and removed on Linux under Wine.
 *   --version   prints "BranchDesk <version> (stand-in)", as the real one
 *               prints "BranchDesk <version>";
 *   anything else: prints its arguments, so a shortcut's can be seen. */
#include <stdio.h>
#include <string.h>

#ifndef VERSION
#define VERSION "0.0.0"
#endif

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("BranchDesk %s (stand-in)\n", VERSION);
        return 0;
    }
    printf("BranchDesk stand-in %s:", VERSION);
    for (int i = 1; i < argc; i++) printf(" %s", argv[i]);
    printf("\n");
    return 0;
}
