"""Pay, written the way people say it: "EUR 52,000 a year"."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _


def pay_text(pay: dict) -> str:
    """The pay step's amount, currency and period as one phrase, or "" when
    no usable amount was given. The review, the draft and the suggested
    goals all write pay this way."""
    raw = pay.get("pay_amount")
    if raw in (None, "") or isinstance(raw, bool):
        return ""
    try:
        amount = Decimal(str(raw))
    except InvalidOperation:
        return ""
    if not amount.is_finite() or amount <= 0:
        return ""
    shown = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    currency = " ".join(str(pay.get("pay_currency") or "").split())
    if currency:
        shown = _("%(currency)s %(amount)s") % {"currency": currency, "amount": shown}
    periods = {
        "year": _("%(amount)s a year"),
        "month": _("%(amount)s a month"),
        "hour": _("%(amount)s an hour"),
    }
    return periods.get(str(pay.get("pay_period") or ""), "%(amount)s") % {"amount": shown}
