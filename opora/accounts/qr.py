"""The QR code and the typed key that set up an authenticator app."""

from base64 import b32encode

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(address: str) -> SafeString:
    """Inline <svg> markup (no style attribute, no data: URL: the CSP stays strict)."""
    code = segno.make(address, error="m")
    svg = code.svg_inline(
        scale=4, border=4, dark="#000", light="#fff", svgclass="qr", lineclass=None,
        title="QR код за приложението за кодове",
    )  # fmt: skip
    return mark_safe(svg)  # segno's own markup; the address is encoded in the picture, not the text


def key_groups(key: bytes) -> list[str]:
    """The key in Base32, as the apps ask for it when typed, in groups of four letters."""
    text = b32encode(key).decode("ascii")
    return [text[i : i + 4] for i in range(0, len(text), 4)]
