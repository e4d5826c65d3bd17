"""The appointment summary (PDF): gather plain data from the stores, then draw independent sections."""
from sb_desktop.exchange.report.data import ReportData
from sb_desktop.exchange.report.gather import default_range, gather_report_data
from sb_desktop.exchange.report.pdf import PAPER_FORMATS, SECTIONS, build_pdf

__all__ = ["ReportData", "default_range", "gather_report_data", "build_pdf", "PAPER_FORMATS", "SECTIONS"]
