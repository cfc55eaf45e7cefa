"""What the screenshots picture (app/ui/screenshots.py): a plausible branch
morning and a few complaint cases, written through the real service
functions into a throwaway database."""

from __future__ import annotations

import datetime as dt


def morning(db, now: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    """Tickets issued, called, served and waiting, as at ``now``."""
    import app.queue as q
    from app.staff.accounts import actor_for
    from app.ui.demo import seed_demo

    seed_demo(db, now - dt.timedelta(hours=2), open_windows=(1, 2, 3, 4, 5))
    greeter, teller = actor_for(db, "greeter"), actor_for(db, "teller")
    manager = actor_for(db, "manager")
    t0 = now - dt.timedelta(minutes=70)
    plan = ["A", "A", "D", "B", "A", "C", "E", "A", "F", "D", "A", "B", "A", "E", "D", "A", "G", "A"]
    for i, code in enumerate(plan):
        prio = "needs" if i in (7, 16) else "normal"
        q.issue_ticket(db, service=code, priority=prio, priority_note="elderly" if prio == "needs" else None,
                       customer_name="张三丰" if i == 3 else None,
                       need_note="办理社保卡" if i in (4, 16) else None, actor=greeter,
                       now=t0 + dt.timedelta(minutes=3 * i))
    for i, window in enumerate((3, 1, 2, 4, 5, 1, 2, 3)):
        at = t0 + dt.timedelta(minutes=20 + 5 * i)
        try:
            q.finish(db, window=window, actor=teller, now=at - dt.timedelta(seconds=30))
        except Exception:
            pass
        q.call_next(db, window=window, actor=teller, now=at)
    q.no_show(db, window=5, actor=teller, now=now - dt.timedelta(minutes=6))
    q.start_service(db, window=2, actor=teller, now=now - dt.timedelta(minutes=3))
    q.set_setting(db, "lobby.notice", "温馨提示：办理业务请携带本人有效身份证件。为保障您的资金安全，请勿向任何人透露"
                  "密码和验证码；如需帮助，请咨询大堂经理。今日下午三点起二楼理财室提供养老金融咨询服务。",
                  actor=manager, now=now)
    q.set_setting(db, "lobby.notice_en", "Please bring a valid ID card. Never tell anyone your password or a "
                  "verification code; the lobby manager is glad to help. From 3 pm, pension advice on the "
                  "second floor.", actor=manager, now=now)


def complaints(db, now: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    """A few complaint cases in different states."""
    import app.complaints as cp
    from app.staff.accounts import actor_for

    officer = actor_for(db, "complaints")
    day = now - dt.timedelta(days=6)
    late = cp.intake_complaint(db, kind="complaint", channel="counter", content="柜员办理业务时态度冷淡。",
                               customer_name="李娜", customer_phone="13600001234", categories=["staff_attitude"],
                               actor=officer, now=day)
    cp.acknowledge(db, late.reference, actor=officer, now=day + dt.timedelta(hours=1))
    cp.intake_complaint(db, kind="suggestion", channel="web", content="建议在等候区增加充电插座。",
                        customer_name="陈静", customer_email="chen.jing@example.com", categories=["environment"],
                        actor=officer, now=now - dt.timedelta(days=2))
    cp.intake_complaint(db, kind="complaint", channel="counter", content="客户反映排队时间过长，取号后等候超过一小时。",
                        customer_name="王小明", customer_phone="13912345678", categories=["waiting_time"],
                        actor=officer, now=now - dt.timedelta(minutes=40))
