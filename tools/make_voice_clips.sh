#!/bin/sh
# Record the lobby's voice clips once with espeak-ng (Mandarin and English) and
# sox; the small WAVs are committed in resources/sounds. All clips share one
# format (16000 Hz, mono, 16-bit) so the announcer can join them in order.
set -e
cd "$(dirname "$0")/.."
OUT=resources/sounds
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

say() { # voice speed name text
    espeak-ng -v "$1" -s "$2" -w "$TMP/raw.wav" "$4"
    # trim silence at both ends, keep a short gap after the word
    sox "$TMP/raw.wav" -r 16000 -c 1 -b 16 "$OUT/$3.wav" \
        silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse pad 0 0.06
}

ZH_DIGITS="零 一 二 三 四 五 六 七 八 九 十"
i=0
for d in $ZH_DIGITS; do say cmn 150 "zh_$i" "$d"; i=$((i + 1)); done
i=0
for d in zero one two three four five six seven eight nine; do say en 150 "en_$i" "$d"; i=$((i + 1)); done
for c in A B C D E F G H I J K L M N O P Q R S T U V W X Y Z; do
    say cmn 150 "zh_$c" "$c"
    say en 150 "en_$c" "$c"
done
say cmn 150 zh_qing "请"
say cmn 150 zh_haodao "号到"
say cmn 150 zh_haochuangkou "号窗口"
say en 150 en_number "number"
say en 150 en_please_go_to_window "please go to window"
# The chime: two soft tones (ding-dong).
sox -n -r 16000 -c 1 -b 16 "$TMP/d1.wav" synth 0.45 sine 880 fade q 0.01 0.45 0.35 vol 0.5
sox -n -r 16000 -c 1 -b 16 "$TMP/d2.wav" synth 0.7 sine 660 fade q 0.01 0.7 0.55 vol 0.5
sox "$TMP/d1.wav" "$TMP/d2.wav" "$OUT/chime.wav" pad 0 0.15
ls "$OUT" | wc -l
