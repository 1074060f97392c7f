#include <doctest/doctest.h>

#include <sstream>

#include "panier/core/csv.hpp"
#include "panier/core/error.hpp"
#include "panier/io/csv_reader.hpp"

using namespace panier;

namespace {
const InputColumn k_columns[] = {{"code", true}, {"qf", true}, {"commune", false}};
constexpr std::size_t k_code = 0;
constexpr std::size_t k_qf = 1;
constexpr std::size_t k_commune = 2;

std::vector<std::string> messages_of(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in, "h.csv");
  try {
    reader.read_header(k_columns);
    while (reader.next()) {
      (void)reader.number(k_qf, 2);
    }
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
    return e.messages();
  }
  return {};
}

struct Row {
  std::string code;
  std::int64_t qf;
  std::string commune;
  long line;
};

std::vector<Row> read_all(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in, "h.csv");
  reader.read_header(k_columns);
  std::vector<Row> rows;
  while (reader.next()) {
    rows.push_back({std::string(reader.text(k_code)), reader.required_number(k_qf, 2),
                    std::string(reader.text(k_commune)), reader.line()});
  }
  return rows;
}
} // namespace

TEST_CASE("reads the contract's own CSV") {
  const auto rows = read_all("code,qf,commune\nH-1,450.5,Lens\nH-2,\"1200\",\"Loos-en-Gohelle, cité 5\"\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].code == "H-1");
  CHECK(rows[0].qf == 45050);
  CHECK(rows[1].commune == "Loos-en-Gohelle, cité 5");
  CHECK(rows[1].line == 3);
}

TEST_CASE("reads what a French spreadsheet writes and gets the same rows") {
  const std::string plain = "code,qf,commune\nH-1,450.5,Liévin\nH-2,1200,\"Avion\"\n";
  const std::string french = "\xEF\xBB\xBF"
                             "code;qf;commune\r\nH-1;450,5;Liévin\r\nH-2;1200;\"Avion\"\r\n";
  const auto a = read_all(plain);
  const auto b = read_all(french);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].code == b[i].code);
    CHECK(a[i].qf == b[i].qf);
    CHECK(a[i].commune == b[i].commune);
    CHECK(a[i].line == b[i].line);
  }
}

TEST_CASE("columns in any order, optional ones absent, blank lines skipped") {
  const auto rows = read_all("qf,code\n\n300,H-9\n\n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].code == "H-9");
  CHECK(rows[0].commune.empty());
  CHECK(rows[0].line == 3);
}

TEST_CASE("quoted fields with embedded newlines, quotes and separators; line numbers follow") {
  const auto rows = read_all("code,qf,commune\n\"H-1\",1,\"two\nlines\"\nH-2,2,\"say \"\"hi\"\"\"\nH-3,3,x");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].commune == "two\nlines");
  CHECK(rows[1].commune == "say \"hi\"");
  CHECK(rows[1].line == 4);
  CHECK(rows[2].line == 5);
  CHECK(rows[2].commune == "x"); // no final newline
}

TEST_CASE("a record longer than the read buffer") {
  // Two cells of exactly the 64 KiB limit, quoted and not: the record spans three buffers.
  std::string big(k_max_cell_bytes, 'a');
  const auto rows = read_all("code,qf,commune\nH-1,1,\"" + big + "\"\nH-2,2," + big + "\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].commune == big);
  CHECK(rows[1].commune == big);
}

TEST_CASE("a cell over 64 KiB or a row over 1000 columns is refused where it is") {
  const std::string big(k_max_cell_bytes + 1, 'a');
  CHECK(messages_of("code,qf,commune\nH-1,1," + big + "\n") ==
        std::vector<std::string>{"h.csv:2: column 3: a cell longer than 64 KiB"});
  CHECK(messages_of("code,qf,commune\nH-1,1,\"" + big + "\"\n") ==
        std::vector<std::string>{"h.csv:2: column 3: a cell longer than 64 KiB"});
  // A quoted cell of line ends only grows by single characters.
  CHECK(messages_of("code,qf,commune\nH-1,1,\"" + std::string(k_max_cell_bytes + 1, '\n') + "\"\n") ==
        std::vector<std::string>{"h.csv:2: column 3: a cell longer than 64 KiB"});
  std::string wide = "code";
  for (std::size_t i = 1; i < k_max_fields; ++i)
    wide += ",";
  CHECK(messages_of(wide + "\n").size() == 1); // 1000 columns: only "missing column qf"
  CHECK(messages_of(wide + ",\n") == std::vector<std::string>{"h.csv:1: more than 1000 columns"});
}

TEST_CASE("header errors name every column") {
  CHECK(messages_of("code,quotient,ville\n") ==
        std::vector<std::string>{"h.csv:1: unknown column \"quotient\"", "h.csv:1: unknown column \"ville\"",
                                 "h.csv:1: missing column \"qf\""});
  CHECK(messages_of("code,qf,code\n") == std::vector<std::string>{"h.csv:1: column \"code\" appears twice"});
  CHECK(messages_of("") == std::vector<std::string>{"h.csv:1: empty file: expected a header row"});
}

TEST_CASE("value and structure errors carry the line") {
  CHECK(messages_of("code,qf\nH-1,12a\n") ==
        std::vector<std::string>{"h.csv:2: column \"qf\": \"12a\" is not a number"});
  CHECK(messages_of("code,qf\nH-1,12.345\n") ==
        std::vector<std::string>{"h.csv:2: column \"qf\": \"12.345\" has more than 2 decimals"});
  CHECK(messages_of("code,qf\nH-1,1,extra\n") ==
        std::vector<std::string>{"h.csv:2: 3 fields, expected 2 as in the header"});
  CHECK(messages_of("code,qf\nH-1,\"12\n") ==
        std::vector<std::string>{"h.csv:2: quoted field is not closed before the end of the file"});
  CHECK(messages_of("code,qf\nH\"1,12\n") ==
        std::vector<std::string>{"h.csv:2: a quote '\"' inside an unquoted field; quote the whole field"});
  CHECK(messages_of("code,qf\n\"H-1\"x,12\n") ==
        std::vector<std::string>{"h.csv:2: unexpected character after a closing quote"});
  CHECK(
      messages_of("code,qf\nH-1,12,5\n") ==
      std::vector<std::string>{"h.csv:2: 3 fields, expected 2 as in the header"}); // decimal comma needs ';'
}

TEST_CASE("a missing required value") {
  std::istringstream in("code,qf\nH-1,\n");
  CsvReader reader(in, "h.csv");
  reader.read_header(k_columns);
  REQUIRE(reader.next());
  CHECK_THROWS_WITH_AS(reader.required_number(k_qf), "h.csv:2: column \"qf\": missing value", Error);
}

TEST_CASE("a missing file is exit 66") {
  try {
    CsvReader reader(std::string("/nonexistent/file.csv"));
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::no_input);
    CHECK(e.messages().front() == "/nonexistent/file.csv: cannot open file");
  }
}

TEST_CASE("the writer quotes only what needs it and round-trips through the reader") {
  std::ostringstream out;
  CsvWriter writer(out);
  writer.row({"code", "qf", "commune"});
  writer.row({"H-1", "12.50", "Lens"});
  writer.row({"H-2", "3", "a,b \"c\"\nd"});
  CHECK(out.str() == "code,qf,commune\nH-1,12.50,Lens\nH-2,3,\"a,b \"\"c\"\"\nd\"\n");
  const auto rows = read_all(out.str());
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].commune == "a,b \"c\"\nd");
}
