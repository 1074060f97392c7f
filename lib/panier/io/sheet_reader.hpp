// Rows of a workbook: the first sheet of an .xlsx or .ods file, or the one named. Read as a
// stream (a chunk of the sheet's XML at a time), so memory holds the shared strings and a few
// rows, not the sheet. Cells typed as dates become ISO dates, numbers plain decimal text.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "panier/io/rows.hpp"

namespace panier {

// Opens a ZIP file as a workbook; Error(data) in one line when it is damaged or not a
// spreadsheet, or has no sheet named `sheet` (empty: the first).
std::unique_ptr<RowReader> open_workbook(const std::string& path, const std::string& sheet);

// The names of a workbook's sheets, in order (the .xlsx workbook part, or the tables of an .ods
// file's content). Error(data) as open_workbook for a file that is not one.
std::vector<std::string> workbook_sheets(const std::string& path);

// A number as a spreadsheet stores it ("512.5", "6.12345678E8", "0.30000000000000004") as the
// text a person would type: "512.5", "612345678", "0.3". Text that is no number is returned as is.
std::string canonical_number(std::string_view stored);

// The civil date of a spreadsheet serial day number (1900 or 1904 date system).
Date date_of_serial(double serial, bool date1904);

} // namespace panier
