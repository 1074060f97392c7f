// Input files as people send them: encodings, French numbers and dates, workbooks; and the
// .xlsx panier writes, read back.
#include <doctest/doctest.h>

#include <sstream>

#include <fmt/format.h>

#include "panier/core/csv.hpp"
#include "panier/core/error.hpp"
#include "panier/core/table.hpp"
#include "panier/core/utf8.hpp"
#include "panier/io/csv_reader.hpp"
#include "panier/io/encoding.hpp"
#include "panier/io/sheet_reader.hpp"
#include "panier/io/xlsx_writer.hpp"
#include "panier/model/vocabulary.hpp"
#include "temp_dir.hpp"

using namespace panier;

namespace {

const InputColumn k_columns[] = {{"name", true}, {"amount", false}, {"day", false}, {"week", false}};
enum : std::size_t { name_column, amount_column, day_column, week_column };

// The first error message of reading every row of `text` (with `read` per row), or "".
template <class F>
std::string first_error(const std::string& text, F&& read, Encoding encoding = Encoding::detect) {
  std::istringstream in(text);
  CsvReader reader(in, "f.csv", encoding);
  try {
    reader.read_header(k_columns);
    while (reader.next()) {
      read(reader);
    }
  } catch (const Error& e) {
    return e.messages().front();
  }
  return "";
}

std::vector<std::string> names_of(const std::string& text, Encoding encoding = Encoding::detect) {
  std::istringstream in(text);
  CsvReader reader(in, "f.csv", encoding);
  reader.read_header(k_columns);
  std::vector<std::string> names;
  while (reader.next()) {
    names.emplace_back(reader.text(name_column));
  }
  return names;
}

std::int64_t amount_of(const std::string& csv_text) {
  std::istringstream in(csv_text);
  CsvReader reader(in, "f.csv");
  reader.read_header(k_columns);
  REQUIRE(reader.next());
  return reader.money(amount_column).value();
}

} // namespace

TEST_CASE("UTF-8 is checked strictly and Windows-1252 decoded to UTF-8") {
  CHECK(is_utf8("Élodie Nguyễn Thị Hương"));
  CHECK_FALSE(is_utf8("Lef\xe8vre"));
  CHECK_FALSE(is_utf8("\xc0\xaf"));          // an overlong '/'
  CHECK_FALSE(is_utf8("\xed\xa0\x80"));      // a surrogate
  CHECK_FALSE(is_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  CHECK(utf8_prefix("ab\xc3").value() == 2); // a sequence cut at the end of a chunk
  std::string out;
  REQUIRE(append_windows1252(out, "Lef\xe8vre \x80 \x9c\x92"));
  CHECK(out == "Lefèvre € œ’");
  CHECK_FALSE(append_windows1252(out, "\x81"));
  CHECK(parse_encoding("UTF-8") == Encoding::utf8);
  CHECK(parse_encoding("windows-1252") == Encoding::windows1252);
  CHECK_THROWS_AS(parse_encoding("latin9"), Error);
}

TEST_CASE("a CSV's encoding is detected, or as given; never is invalid UTF-8 kept") {
  const std::string cp1252 = "name;amount\r\nLef\xe8vre;1\r\n\xc7"
                             "elik;2\r\n";
  CHECK(names_of(cp1252) == std::vector<std::string>{"Lefèvre", "Çelik"});
  CHECK(names_of(cp1252, Encoding::windows1252) == std::vector<std::string>{"Lefèvre", "Çelik"});
  CHECK(first_error(
            cp1252, [](const RowReader&) {}, Encoding::utf8) == "f.csv:2: not UTF-8 or Windows-1252 text");
  const std::string utf8 = "\xef\xbb\xbfname,amount\nÉlodie,1\nNguyễn Thị Hương,2\n";
  CHECK(names_of(utf8) == std::vector<std::string>{"Élodie", "Nguyễn Thị Hương"});
  // UTF-8 read as Windows-1252 on request: the user said so (and it is still valid UTF-8 after).
  CHECK(names_of("name\nÉ\n", Encoding::windows1252) == std::vector<std::string>{"Ã‰"});
  CHECK(first_error("name\nab\x81\n", [](const RowReader&) {}) == "f.csv:2: not UTF-8 or Windows-1252 text");
  CHECK(first_error("name\nab\x01\n", [](const RowReader&) {}) == "f.csv:2: not UTF-8 or Windows-1252 text");
  CHECK(first_error(std::string("\xff\xfen\0a\0", 6), [](const RowReader&) {}).find("UTF-16") !=
        std::string::npos);
}

TEST_CASE("numbers: decimal comma in French files, thousands with spaces, euros") {
  CHECK(amount_of("name;amount\nx;1 234,50\n") == 123450);
  CHECK(amount_of("name;amount\nx;1\xc2\xa0"
                  "234,5\n") == 123450); // no-break space
  CHECK(amount_of("name;amount\nx;12\xe2\x80\xaf"
                  "345,00\n") == 1234500); // narrow no-break space
  CHECK(amount_of("name;amount\nx;2,50 €\n") == 250);
  CHECK(amount_of("name;amount\nx;-3,10\n") == -310);
  CHECK(amount_of("name,amount\nx,1234.5\n") == 123450);
  auto number = [](const RowReader& r) { (void)r.number(amount_column, 2); };
  CHECK(first_error("name;amount\nx;12 34\n", number) ==
        "f.csv:2: column \"amount\": \"12 34\" is not a number");
  CHECK(first_error("name;amount\nx;1 2345\n", number) ==
        "f.csv:2: column \"amount\": \"1 2345\" is not a number");
  // A comma-separated file's comma is no decimal mark: "1,5" quoted there is refused, not 1.5.
  CHECK(first_error("name,amount\nx,\"1,5\"\n", number) ==
        "f.csv:2: column \"amount\": \"1,5\" is not a number");
}

TEST_CASE("dates DD/MM/YYYY or ISO; a week column also takes a date") {
  CHECK(Date::parse_any("15/09/2026") == Date::parse("2026-09-15"));
  CHECK(Date::parse_any("1/9/2026") == Date::parse("2026-09-01"));
  CHECK(Date::parse_any("2026-09-15") == Date::parse("2026-09-15"));
  CHECK_FALSE(Date::parse_any("31/02/2026"));
  CHECK_FALSE(Date::parse_any("15/09/26"));
  CHECK_FALSE(Date::parse_any("15-09-2026"));
  std::istringstream in("name;day;week\nx;15/09/2026;14/09/2026\ny;;2026-W38\n");
  CsvReader reader(in, "f.csv");
  reader.read_header(k_columns);
  REQUIRE(reader.next());
  CHECK(reader.date(day_column) == Date::parse("2026-09-15"));
  CHECK(reader.week(week_column)->to_string() == "2026-W38");
  REQUIRE(reader.next());
  CHECK_FALSE(reader.date(day_column));
  CHECK(reader.week(week_column)->to_string() == "2026-W38");
  auto week = [](const RowReader& r) { (void)r.week(week_column); };
  CHECK(first_error("name,week\nx,semaine 38\n", week) ==
        "f.csv:2: column \"week\": \"semaine 38\" is not a week (YYYY-Www, or a date DD/MM/YYYY)");
}

TEST_CASE("spreadsheet values: numbers as typed, serial days as dates, column letters") {
  CHECK(canonical_number("512.5") == "512.5");
  CHECK(canonical_number("612345678") == "612345678");
  CHECK(canonical_number("6.12345678E8") == "612345678");
  CHECK(canonical_number("0.30000000000000004") == "0.3");
  CHECK(canonical_number("-12.5") == "-12.5");
  CHECK(canonical_number("abc") == "abc");
  CHECK(date_of_serial(46280, false).to_string() == "2026-09-15"); // as LibreOffice wrote it
  CHECK(date_of_serial(1, false).to_string() == "1900-01-01");
  CHECK(date_of_serial(61, false).to_string() == "1900-03-01");
  CHECK(date_of_serial(0, true).to_string() == "1904-01-01");
  CHECK(date_of_serial(46280.75, false).to_string() == "2026-09-15");
  CHECK(column_letters(0) == "A");
  CHECK(column_letters(25) == "Z");
  CHECK(column_letters(26) == "AA");
  CHECK(column_letters(16383) == "XFD");
}

TEST_CASE("text that a spreadsheet would run is written as text; numbers stay numbers") {
  CHECK(looks_like_formula("=1+2"));
  CHECK(looks_like_formula("+33 6 12 34 56 78"));
  CHECK(looks_like_formula("-x"));
  CHECK(looks_like_formula("@SUM(A1)"));
  CHECK(looks_like_formula("\tx"));
  CHECK_FALSE(looks_like_formula("-12.50"));
  CHECK_FALSE(looks_like_formula("-3"));
  CHECK_FALSE(looks_like_formula("H-001"));
  std::ostringstream out;
  CsvWriter csv(out);
  csv.row({"=HYPERLINK(\"x\")", "-2.50", "\rcr"});
  CHECK(out.str() == "\"'=HYPERLINK(\"\"x\"\")\",-2.50,\"'\rcr\"\n");
}

TEST_CASE("a table written as .xlsx reads back cell for cell, the same bytes every time") {
  test::TempDir dir;
  Table table({"household", "amount_eur", "baskets", "date", "note"}, {"amount_eur", "baskets"});
  table.add({"H-001", "12.50", "3", "2026-09-15", "=1+2"});
  table.add({"H-002", "-4.10", "<5", "", "Nguyễn Thị Hương"});
  const Worksheet sheet = worksheet_of(table, "baskets");
  CHECK(sheet.kinds == std::vector<CellKind>{CellKind::text, CellKind::money, CellKind::number,
                                             CellKind::date, CellKind::text});
  const std::string path = dir.path("r.xlsx");
  write_xlsx(path, std::span(&sheet, 1), *Date::parse("2026-12-03"));
  write_xlsx(dir.path("again.xlsx"), std::span(&sheet, 1), *Date::parse("2026-12-03"));
  std::ifstream a(path, std::ios::binary);
  std::ifstream b(dir.path("again.xlsx"), std::ios::binary);
  CHECK(std::string(std::istreambuf_iterator<char>(a), {}) ==
        std::string(std::istreambuf_iterator<char>(b), {}));

  const InputColumn columns[] = {
      {"household", true}, {"amount_eur", true}, {"baskets", true}, {"date", true}, {"note", true}};
  auto rows = open_rows(path, {});
  rows->read_header(columns);
  REQUIRE(rows->next());
  CHECK(rows->text(0) == "H-001");
  CHECK(rows->money(1) == 1250);
  CHECK(rows->number(2) == 3);
  CHECK(rows->date(3) == Date::parse("2026-09-15"));
  CHECK(rows->text(4) == "=1+2"); // a text cell, not a formula
  CHECK(rows->where(1, "x") == path + ":baskets!B2: column \"amount_eur\": x");
  REQUIRE(rows->next());
  CHECK(rows->money(1) == -410);
  CHECK(rows->text(2) == "<5");
  CHECK(rows->text(3).empty());
  CHECK(rows->text(4) == "Nguyễn Thị Hương");
  CHECK(rows->record_name(rows->line()) == "row 3");
  CHECK_FALSE(rows->next());
  CHECK_THROWS_WITH_AS(open_rows(path, {.encoding = Encoding::detect, .sheet = "autre"}),
                       (path + ": no sheet \"autre\" (its sheets: baskets)").c_str(), Error);
}

TEST_CASE("files that are no spreadsheet are refused in one line") {
  test::TempDir dir;
  auto message = [&](const std::string& name, const std::string& bytes, const ReadOptions& options = {}) {
    try {
      auto rows = open_rows(dir.write(name, bytes), options);
      rows->read_header(k_columns);
    } catch (const Error& e) {
      REQUIRE(e.messages().size() == 1);
      return e.messages().front();
    }
    return std::string();
  };
  CHECK(message("old.xls", std::string("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8)).find(".xls") !=
        std::string::npos);
  CHECK(message("broken.xlsx", std::string("PK\x03\x04garbage", 11)).find("not a readable .xlsx or .ods") !=
        std::string::npos);
  CHECK(message("h.csv", "name\nx\n", {.encoding = Encoding::detect, .sheet = "Feuil1"}).find("--sheet") !=
        std::string::npos);
  CHECK_THROWS_AS(open_rows(dir.path("missing.csv"), {}), Error);
}

TEST_CASE("a message never repeats what looks like a name or a phone number, in any column") {
  CHECK(quoted("XL") == "\"XL\"");
  CHECK(quoted("H-0042") == "\"H-0042\"");
  CHECK(quoted("2026-W49") == "\"2026-W49\"");
  CHECK(quoted("15/09/2026") == "\"15/09/2026\"");
  CHECK(quoted("12a") == "\"12a\"");
  CHECK(quoted("mangue") == "\"mangue\"");
  for (const std::string_view personal :
       {"06 12 34 56 78", "0612345678", "612345678", "+33 6 12 34 56 78", "06.12.34.56.78", "Le Goff",
        "DUPONT", "Élodie", "N'Diaye", "Nguyễn Thị Hương"}) {
    CAPTURE(personal);
    CHECK(quoted(personal).find(personal) == std::string::npos);
    CHECK(quoted(personal).find("not repeated here") != std::string::npos);
  }
}

TEST_CASE("a value in a message: escaped, cut at 80 characters, never raw bytes") {
  CHECK(message_text("qf\x1b[31m") == "qf\\x1B[31m");
  CHECK(message_text("a\tb\x7f") == "a\\x09b\\x7F");
  CHECK(message_text("\xc2\x9b"
                     "2J") == "\\u009B2J"); // C1 CSI
  CHECK(message_text("Lef\xe8vre") == "Lef\\xE8vre");
  CHECK(message_text("é") == "é");
  const std::string long_value(100000, 'x');
  CHECK(message_text(long_value) == std::string(80, 'x') + "…");
  CHECK(message_text(std::string(80, 'x')) == std::string(80, 'x'));
  CHECK(message_text(std::string(81, 'e') + "é", 81) == std::string(81, 'e') + "…");
  CHECK(panier::quoted(long_value).size() == 80 + 2 + std::string("…").size());
  CHECK(panier::quoted("\x1b]0;pwned\x07") == "\"\\x1B]0;pwned\\x07\"");
}

TEST_CASE("text is counted and cut in characters, never inside one") {
  CHECK(utf8_characters("") == 0);
  CHECK(utf8_characters("Élodie") == 6);
  CHECK(utf8_characters("Nguyễn Thị Hương") == 16);
  CHECK(first_characters("Élodie", 1) == "É");
  CHECK(first_characters("Nguyễn", 5) == "Nguyễ");
  CHECK(first_characters("Hương", 9) == "Hương");
  CHECK(first_characters("abc", 0).empty());
}

TEST_CASE("a table cell for the terminal carries no control sequence") {
  CHECK(terminal_text("a\x1b[2Jb") == "a[2Jb");
  CHECK(terminal_text("two\nlines\tand\rmore") == "two lines and more");
  CHECK(terminal_text("\xc2\x9b"
                      "31m") == "31m");
  CHECK(terminal_text("Lef\xe8vre") == "Lef\xef\xbf\xbdvre");
  CHECK(terminal_text("Élodie") == "Élodie");
  Table table({"point", "n"}, {"n"});
  table.add({"Centre\x1b[31m", "3"});
  std::ostringstream out;
  render_table(table, Format::table, out);
  CHECK(out.str().find('\x1b') == std::string::npos);
  CHECK(out.str() == "point       n\nCentre[31m  3\n");
}

TEST_CASE("JSON output is UTF-8 whatever the bytes of its cells") {
  CHECK(well_formed_text("Élodie\x1b") == "Élodie\x1b");
  CHECK(well_formed_text("Lef\xe8vre") == "Lef\xef\xbf\xbdvre");
  Table table({"point"});
  table.add({"Lef\xe8vre\x01"});
  std::ostringstream out;
  render_table(table, Format::json, out);
  CHECK(is_utf8(out.str()));
  CHECK(out.str().find("Lef\xef\xbf\xbdvre\\u0001") != std::string::npos);
}

TEST_CASE("at most 20 problems are kept, the others counted") {
  Diagnostics problems;
  for (int i = 0; i < 1000; ++i)
    problems.add(fmt::format("f.csv:{}: bad", i + 2));
  CHECK(problems.size() == 1000);
  try {
    problems.throw_if_any(ExitCode::data);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.messages().size() == k_max_listed);
    CHECK(e.count() == 1000);
    CHECK(e.messages().back() == "f.csv:21: bad");
  }
}

TEST_CASE("an amount in a file is below one million euros") {
  CHECK(amount_of("name;amount\nx;999 999,99 €\n") == 99999999);
  const auto read_amount = [](const RowReader& r) { (void)r.money(amount_column); };
  CHECK(first_error("name;amount\nx;1 000 000,00\n", read_amount) ==
        "f.csv:2: column \"amount\": \"1 000 000,00\" is not below 1000000.00 EUR");
  CHECK(first_error("name;amount\nx;-2000000 €\n", read_amount) ==
        "f.csv:2: column \"amount\": \"-2000000 €\" is not below 1000000.00 EUR");
}

TEST_CASE("people's words are read without case or accents, in English or French") {
  CHECK(folded_word("Récupéré") == "recupere");
  CHECK(folded_word("ESPÈCES") == "especes");
  CHECK(folded_word("Œuf à la crème") == "oeuf a la creme");
  CHECK(folded_word("Straße") == "straße"); // ß has no accent to take off: kept
  CHECK(read_word<PickupStatus>("récupéré") == PickupStatus::collected);
  CHECK(read_word<PickupStatus>("RECUPERE") == PickupStatus::collected);
  CHECK(read_word<PickupStatus>("Procuration") == PickupStatus::proxy);
  CHECK(read_word<PickupStatus>("absent") == PickupStatus::missed);
  CHECK(read_word<PickupStatus>("Annulé") == PickupStatus::cancelled);
  CHECK(read_word<PickupStatus>("Collected") == PickupStatus::collected);
  CHECK_FALSE(read_word<PickupStatus>("récupérée").has_value());
  CHECK_FALSE(read_word<PickupStatus>("").has_value());
  CHECK(read_word<PaymentMethod>("Espèces") == PaymentMethod::cash);
  CHECK(read_word<PaymentMethod>("chèque") == PaymentMethod::cheque);
  CHECK(read_word<PaymentMethod>("CARTE") == PaymentMethod::card);
  CHECK(read_word<PaymentMethod>("virement") == PaymentMethod::transfer);
  CHECK(read_word<Outcome>("redistribué") == Outcome::redistributed);
  // The store's exact reading is not loosened.
  CHECK_FALSE(parse_word<PickupStatus>("Collected").has_value());
  CHECK(words_offered<PaymentMethod>() ==
        "cash (espèces), cheque (chèque), card (carte), transfer (virement)");
  CHECK(words_offered<Grade>() == "standard, off-grade");
  CHECK(alias_texts<PickupStatus>() ==
        std::vector<std::string>{"récupéré", "procuration", "absent", "annulé"});
  CHECK(alias_texts<Grade>() == std::vector<std::string>{"standard", "off-grade"});
}
