"""The OCR stage: a file (PDF, fax TIFF, PNG, JPEG) in, text per page and a searchable PDF out."""

from pipeline.ocr.document import read_document
from pipeline.ocr.options import OcrOptions
from pipeline.ocr.tesseract import check_tesseract

__all__ = ["OcrOptions", "check_tesseract", "read_document"]
