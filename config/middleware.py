from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control


class PortalLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user picked another language with the footer switch.

    The browser's Accept-Language is ignored on purpose: many office machines run an English
    browser, and their users still expect the portal in Vietnamese.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PrivatePagesMiddleware:
    """Every page served to a signed-in user may hold personal data (nominees' details, a sender's
    identity, the users of a committee): browsers and proxies must not keep a copy (`no-store`), so
    nothing can be read back from a shared office computer's cache after logging out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response
