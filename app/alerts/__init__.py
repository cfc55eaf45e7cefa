"""Alerts: threshold rules over the live figures, raised, acknowledged and
cleared as events, shown at once on the manager screen and sent to a
manager's phone (no Qt here)."""

from app.alerts.notify import deliver_pending, register_gateway
from app.alerts.service import AlertBoard, AlertCheck, AlertView, UnknownAlert, acknowledge_alert, alert_board, \
    check_alerts, get_alert
from app.alerts.texts import alert_text

__all__ = ["AlertBoard", "AlertCheck", "AlertView", "UnknownAlert", "acknowledge_alert", "alert_board",
           "alert_text", "check_alerts", "deliver_pending", "get_alert", "register_gateway"]
