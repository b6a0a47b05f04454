"""Spreadsheet exports that cannot smuggle a formula into the reader's spreadsheet (CSV injection, OWASP), and
whose CSV opens with its accents right in Excel.

Wagtail's ``SpreadsheetExportMixin`` already writes XLSX cells that look like formulas as text; its CSV rows
are written as they are. A visitor-typed value such as ``=HYPERLINK(...)`` in a registrant's name would then
run when an editor opens the CSV. Values starting with a formula character get a leading apostrophe.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``"=1+1"`` → ``"'=1+1"``; any other value unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


UTF8_BOM = "\ufeff"


class FormulaSafeCSVMixin:
    """For a Wagtail view with spreadsheet export: neutralise formula-like text in CSV cells, and start the CSV
    with a UTF-8 byte order mark, without which Excel (Belgian French) reads "Chloé" as "ChloÃ©"."""

    def stream_csv(self, queryset):
        yield UTF8_BOM
        yield from super().stream_csv(queryset)

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_formula(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )
