from accounts.models import User


def user_update_profile(*, user: User, display_name: str, is_coach: bool) -> User:
    user.display_name = display_name.strip()
    user.is_coach = is_coach
    user.save(update_fields=["display_name", "is_coach"])
    return user
