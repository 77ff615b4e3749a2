"""Options for the OCR stage, derived from the run's Config."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.config import Config


@dataclass(frozen=True)
class OcrOptions:
    """What read_document needs to know; picklable so worker processes can receive it."""

    language: str = "eng"  # Tesseract language(s), e.g. "eng" or "eng+spa"
    timeout: float = 120.0  # seconds one Tesseract call may take before the page is abandoned
    page_limit: int = 200  # documents with more pages fail with too_many_pages
    max_image_pixels: int = 200_000_000  # declared image sizes above this are refused as decompression bombs

    @classmethod
    def from_config(cls, cfg: Config) -> OcrOptions:
        """The OCR options of a run's configuration."""
        return cls(
            language=cfg.ocr_language,
            timeout=cfg.ocr_timeout,
            page_limit=cfg.page_limit,
            max_image_pixels=cfg.max_image_pixels,
        )
