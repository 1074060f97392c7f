#include <doctest/doctest.h>

#include <sys/stat.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "panier/core/error.hpp"
#include "panier/store/store.hpp"
#include "temp_dir.hpp"

using namespace panier;
using panier::test::TempDir;

namespace {
unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777U;
}

ExitCode code_of(const std::function<void()>& body) {
  try {
    body();
  } catch (const Error& e) {
    return e.code();
  }
  return ExitCode::ok;
}
} // namespace

TEST_CASE("init creates a private database and is idempotent") {
  TempDir dir;
  const std::string db = dir.path("p.db");
  const InitResult first = Store::init(db, 1);
  CHECK(first.created);
  CHECK(first.from_version == 0);
  CHECK(first.to_version == Store::latest_version());
  CHECK(mode_of(db) == 0600U);
  {
    // While a connection is open, the WAL and shared-memory files exist with the same mode.
    Store open = Store::open(db, OpenMode::read_write, 1);
    open.write([] {});
    CHECK(mode_of(db + "-wal") == 0600U);
    CHECK(mode_of(db + "-shm") == 0600U);
  }
  const InitResult second = Store::init(db, 1);
  CHECK_FALSE(second.created);
  CHECK(second.from_version == Store::latest_version());
  CHECK(second.to_version == Store::latest_version());
  Store store = Store::open(db, OpenMode::read_only, 1);
  CHECK(store.schema_version() == Store::latest_version());
  CHECK(store.integrity_problems().empty());
}

TEST_CASE("opening a missing database says to run init") {
  TempDir dir;
  try {
    Store::open(dir.path("none.db"), OpenMode::read_write, 1);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::no_input);
    CHECK(e.messages()[0] == dir.path("none.db") + ": database not found; run panier init");
  }
}

TEST_CASE("a database from a newer panier is refused") {
  TempDir dir;
  const std::string db = dir.path("p.db");
  Store::init(db, 1);
  {
    SQLite::Database raw(db, SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = 999");
  }
  CHECK(code_of([&] { Store::init(db, 1); }) == ExitCode::data);
  CHECK(code_of([&] { Store::open(db, OpenMode::read_only, 1); }) == ExitCode::data);
}

TEST_CASE("a file that is not a panier database is refused") {
  TempDir dir;
  const std::string db = dir.path("other.db");
  {
    SQLite::Database raw(db, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("CREATE TABLE t (x); PRAGMA user_version = 1");
  }
  CHECK(code_of([&] { Store::init(db, 1); }) == ExitCode::data);
  const std::string text = dir.write("text.db", "hello, this is not SQLite at all, just some text....");
  CHECK(code_of([&] { Store::init(text, 1); }) == ExitCode::data);
}

TEST_CASE("a writer facing a held lock fails with busy after the timeout") {
  TempDir dir;
  const std::string db = dir.path("p.db");
  Store::init(db, 1);
  SQLite::Database holder(db, SQLite::OPEN_READWRITE);
  holder.exec("BEGIN IMMEDIATE");
  CHECK(code_of([&] { Store::init(db, 0); }) == ExitCode::busy);
  Store store = Store::open(db, OpenMode::read_write, 0);
  bool ran = false;
  CHECK(code_of([&] { store.write([&] { ran = true; }); }) == ExitCode::busy);
  CHECK_FALSE(ran);
  holder.exec("ROLLBACK");
  CHECK(code_of([&] { store.write([&] { ran = true; }); }) == ExitCode::ok);
  CHECK(ran);
}

TEST_CASE("a failing write leaves nothing behind") {
  TempDir dir;
  const std::string db = dir.path("p.db");
  Store::init(db, 1);
  Store store = Store::open(db, OpenMode::read_write, 1);
  CHECK(code_of([&] {
          store.write([&] {
            store.db().exec("INSERT INTO meta (key, value) VALUES ('k', 'v')");
            throw Error(ExitCode::data, "bad row");
          });
        }) == ExitCode::data);
  SQLite::Statement q(store.db(), "SELECT count(*) FROM meta WHERE key = 'k'");
  q.executeStep();
  CHECK(q.getColumn(0).getInt() == 0);
}
