"""Sharing a vision with a coach: invitations, acceptance, revocation.

An invitation is a pending Share bound to an email address. Its link is
signed, expires after INVITATION_DAYS and works once; only the person signed
in with that address can accept it. Revoking ends access on the very next
request, because every read goes through Vision.objects.visible_to.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from careervision.emails import email_message
from visions.models import Share, ShareStatus, Vision

INVITATION_DAYS = 14
# A signing namespace, not a secret: SECRET_KEY makes the signatures.
TOKEN_SALT = "visions.share-invitation"  # noqa: S105


class SharingError(Exception):
    """A sharing step that cannot happen, with a message for the person."""


def share_token(share: Share) -> str:
    return signing.dumps({"share": share.pk, "email": share.email}, salt=TOKEN_SALT)


def share_from_token(token: str) -> Share:
    """The pending invitation behind a link, or SharingError saying why not."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=timedelta(days=INVITATION_DAYS))
    except signing.SignatureExpired as expired:
        raise SharingError(_("This invitation has expired. Ask for a new one.")) from expired
    except signing.BadSignature as bad:
        raise SharingError(_("This invitation link is not valid.")) from bad
    share = Share.objects.select_related("vision__owner").filter(pk=data.get("share")).first()
    if share is None or share.email != data.get("email"):
        raise SharingError(_("This invitation no longer exists."))
    return share


def vision_share(*, vision: Vision, email: str) -> Share:
    """Invites a coach by email. They get a link; if they already have an
    account they also find the invitation on their dashboard."""
    email = User.objects.normalize_email(email).strip().lower()
    if email == vision.owner.email.lower():
        raise SharingError(_("That is your own address."))
    try:
        with transaction.atomic():
            share = Share.objects.create(
                vision=vision,
                email=email,
                expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
            )
    except IntegrityError as taken:
        raise SharingError(_("This vision is already shared with that address.")) from taken
    share_invitation_send(share=share)
    return share


def share_invitation_send(*, share: Share) -> None:
    has_account = User.objects.filter(email__iexact=share.email, is_active=True).exists()
    context = {
        "share": share,
        "owner": share.vision.owner,
        "has_account": has_account,
        "accept_url": settings.SITE_URL + reverse("share_accept_link", args=[share_token(share)]),
        "days": INVITATION_DAYS,
    }
    email_message(
        to=share.email,
        subject=_("[CareerVision] %(name)s shared a career vision with you")
        % {"name": share.vision.owner.name},
        template="visions/email/share_invitation",
        context=context,
    ).send()


@transaction.atomic
def share_accept(*, share: Share, coach: User) -> Share:
    """The invited person takes up the invitation: from then on they can read
    the vision. Refused for anyone signed in with another address, or when
    the invitation was cancelled, expired or already used."""
    share = Share.objects.select_for_update().get(pk=share.pk)
    if share.status != ShareStatus.PENDING:
        raise SharingError(_("This invitation was already used or cancelled."))
    if share.expires_at < timezone.now():
        raise SharingError(_("This invitation has expired. Ask for a new one."))
    if coach.email.lower() != share.email:
        raise SharingError(
            _("This invitation is for %(email)s. Sign in with that address to accept it.")
            % {"email": share.email}
        )
    if coach.pk == share.vision.owner_id:
        raise SharingError(_("That is your own vision."))
    share.coach = coach
    share.status = ShareStatus.ACTIVE
    share.accepted_at = timezone.now()
    share.save(update_fields=["coach", "status", "accepted_at"])
    return share


def share_revoke(*, share: Share) -> Share:
    """Ends a share (or cancels an invitation) at once."""
    if share.status != ShareStatus.REVOKED:
        share.status = ShareStatus.REVOKED
        share.revoked_at = timezone.now()
        share.save(update_fields=["status", "revoked_at"])
    return share


def vision_share_create_active(*, vision: Vision, coach: User) -> Share:
    """An accepted share in one step: for the demo data and for tests."""
    share = Share.objects.create(
        vision=vision,
        email=coach.email.lower(),
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    return share_accept(share=share, coach=coach)
