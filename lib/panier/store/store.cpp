#include "panier/store/store.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"

namespace panier {

namespace {

// 'PANI': marks the file as a panier database (PRAGMA application_id).
constexpr int k_application_id = 0x50414E49;

// Append-only: never edit a released migration, add a new one.
const char* const k_migrations[] = {
    // 1: bookkeeping
    R"sql(
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
INSERT INTO meta (key, value) VALUES ('application', 'panier');
)sql",
    // 2: households, enrolments, pauses, harvest forecasts, workshops. Weeks are TEXT 'YYYY-Www'
    // (their text order is their time order), dates TEXT 'YYYY-MM-DD', money integer cents,
    // quantities integer thousandths of the catalogue unit. Names and phone numbers live apart in
    // identity, which purge deletes. CHECKs compare with OR, not IN: an IN list makes SQLite build
    // a temporary index on every insert.
    R"sql(
CREATE TABLE household (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  adults INTEGER NOT NULL CHECK (adults >= 0),
  children INTEGER NOT NULL CHECK (children >= 0),
  commune TEXT NOT NULL,
  qf_cents INTEGER NOT NULL CHECK (qf_cents >= 0),
  qf_date TEXT,
  referrer TEXT NOT NULL,
  last_contact TEXT NOT NULL,
  anonymised INTEGER NOT NULL DEFAULT 0 CHECK (anonymised = 0 OR anonymised = 1)
) STRICT;
CREATE TABLE identity (
  household_id INTEGER PRIMARY KEY REFERENCES household(id) ON DELETE CASCADE,
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE enrolment (
  id INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES household(id),
  scheme TEXT NOT NULL,
  requested_start TEXT NOT NULL,
  start_week TEXT NOT NULL,
  end_week TEXT NOT NULL CHECK (end_week >= start_week OR status = 'ended'),
  tier TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status = 'active' OR status = 'ended' OR status = 'waitlisted'),
  renewals INTEGER NOT NULL DEFAULT 0,
  exit_week TEXT,
  exit_reason TEXT,
  UNIQUE (household_id, scheme, requested_start)
) STRICT;
CREATE TABLE enrolment_change (
  enrolment_id INTEGER NOT NULL REFERENCES enrolment(id) ON DELETE CASCADE,
  from_week TEXT NOT NULL,
  size TEXT NOT NULL,
  point TEXT NOT NULL,
  PRIMARY KEY (enrolment_id, from_week)
) STRICT;
CREATE TABLE pause (
  id INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES household(id),
  from_week TEXT NOT NULL,
  to_week TEXT NOT NULL CHECK (to_week >= from_week)
) STRICT;
CREATE INDEX pause_household ON pause (household_id);
CREATE TABLE harvest (
  week TEXT NOT NULL,
  vegetable TEXT NOT NULL,
  grade TEXT NOT NULL CHECK (grade = 'standard' OR grade = 'off-grade'),
  quantity INTEGER NOT NULL CHECK (quantity >= 0),
  PRIMARY KEY (week, vegetable, grade)
) STRICT;
CREATE TABLE workshop (
  id INTEGER PRIMARY KEY,
  date TEXT NOT NULL,
  theme TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  capacity INTEGER,
  vegetables TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE workshop_attendance (
  workshop_id INTEGER NOT NULL REFERENCES workshop(id),
  household_id INTEGER NOT NULL REFERENCES household(id),
  adults INTEGER NOT NULL CHECK (adults >= 0),
  children INTEGER NOT NULL CHECK (children >= 0),
  PRIMARY KEY (workshop_id, household_id)
) STRICT;
)sql",
    // 3: plans and allocations. A plan holds, per size, the baskets due and planned and the
    // quantity of each vegetable per basket (with the price it was valued at), and the week's
    // stock. An allocation row is one enrolment's basket of a week (or its shortfall), with its
    // price split between the household and the funders.
    R"sql(
CREATE TABLE plan (
  week TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  gap REAL NOT NULL
) STRICT;
CREATE TABLE plan_size (
  week TEXT NOT NULL REFERENCES plan(week) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  size TEXT NOT NULL,
  due INTEGER NOT NULL CHECK (due >= 0),
  planned INTEGER NOT NULL CHECK (planned >= 0 AND planned <= due),
  reference_cents INTEGER NOT NULL,
  value_mc INTEGER NOT NULL,
  grams INTEGER NOT NULL,
  PRIMARY KEY (week, size)
) STRICT;
CREATE TABLE plan_item (
  week TEXT NOT NULL,
  size TEXT NOT NULL,
  position INTEGER NOT NULL,
  vegetable TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  price_cents INTEGER NOT NULL,
  PRIMARY KEY (week, size, vegetable),
  FOREIGN KEY (week, size) REFERENCES plan_size(week, size) ON DELETE CASCADE
) STRICT;
CREATE TABLE plan_stock (
  week TEXT NOT NULL REFERENCES plan(week) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  vegetable TEXT NOT NULL,
  available INTEGER NOT NULL,
  used INTEGER NOT NULL,
  price_cents INTEGER NOT NULL,
  PRIMARY KEY (week, vegetable)
) STRICT;
CREATE TABLE allocation (
  week TEXT NOT NULL,
  enrolment_id INTEGER NOT NULL REFERENCES enrolment(id),
  household_id INTEGER NOT NULL REFERENCES household(id),
  scheme TEXT NOT NULL,
  size TEXT NOT NULL,
  point TEXT NOT NULL,
  tier TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status = 'basket' OR status = 'shortfall'),
  value_cents INTEGER NOT NULL,
  contribution_cents INTEGER NOT NULL,
  PRIMARY KEY (week, enrolment_id)
) STRICT;
CREATE INDEX allocation_household ON allocation (household_id, week);
CREATE TABLE allocation_funding (
  week TEXT NOT NULL,
  enrolment_id INTEGER NOT NULL,
  funder TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  PRIMARY KEY (week, enrolment_id, funder),
  FOREIGN KEY (week, enrolment_id) REFERENCES allocation(week, enrolment_id) ON DELETE CASCADE
) STRICT;
)sql",
    // 4: pickups: what became of an allocated basket (recorded by panier deliver record).
    R"sql(
CREATE TABLE pickup (
  week TEXT NOT NULL,
  enrolment_id INTEGER NOT NULL,
  status TEXT NOT NULL
    CHECK (status = 'collected' OR status = 'proxy' OR status = 'missed' OR status = 'cancelled'),
  paid_cents INTEGER NOT NULL DEFAULT 0,
  method TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (week, enrolment_id),
  FOREIGN KEY (week, enrolment_id) REFERENCES allocation(week, enrolment_id)
) STRICT;
)sql",
    // 5: the earlier values of a pickup recorded again.
    R"sql(
CREATE TABLE pickup_audit (
  id INTEGER PRIMARY KEY,
  week TEXT NOT NULL,
  enrolment_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  paid_cents INTEGER NOT NULL,
  method TEXT NOT NULL,
  outcome TEXT NOT NULL,
  replaced_on TEXT NOT NULL
) STRICT;
)sql",
    // 6: households' answers about the vegetables of a basket (panier feedback import): did they
    // cook it, did they like it (NULL: no answer).
    R"sql(
CREATE TABLE feedback (
  week TEXT NOT NULL,
  household_id INTEGER NOT NULL REFERENCES household(id),
  vegetable TEXT NOT NULL,
  cooked INTEGER NOT NULL CHECK (cooked = 0 OR cooked = 1),
  liked INTEGER CHECK (liked IS NULL OR liked = 0 OR liked = 1),
  PRIMARY KEY (week, household_id, vegetable)
) STRICT;
)sql",
    // 7: pickups undone (panier deliver record --undo) go to the audit too, marked as such; the
    // log of what was done against the usual order (pickups recorded before delivery day with
    // --force, pickups undone).
    R"sql(
ALTER TABLE pickup_audit ADD COLUMN action TEXT NOT NULL DEFAULT 'replaced'
  CHECK (action = 'replaced' OR action = 'undone');
CREATE TABLE operation_log (
  id INTEGER PRIMARY KEY,
  on_date TEXT NOT NULL,
  week TEXT NOT NULL,
  what TEXT NOT NULL
) STRICT;
)sql",
};

constexpr int k_latest = static_cast<int>(std::size(k_migrations));

// Each connection is used by one thread only: SQLite's own locking per call is not needed.
const int k_open_flags = SQLite::OPEN_NOMUTEX;

bool is_busy(int code) {
  const int primary = code & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

int pragma_int(SQLite::Database& db, const char* pragma) {
  SQLite::Statement query(db, pragma);
  query.executeStep();
  return query.getColumn(0).getInt();
}

} // namespace

// SQLite's wait on a locked database, with word to the person waiting after a second.
struct Store::BusyWait {
  std::chrono::milliseconds timeout;
  std::function<void()> on_wait;
  std::chrono::steady_clock::time_point since;
  bool told = false;

  static int handler(void* self, int attempt) {
    auto& wait = *static_cast<BusyWait*>(self);
    const auto now = std::chrono::steady_clock::now();
    if (attempt == 0) {
      wait.since = now;
    }
    const auto waited = now - wait.since;
    if (waited >= wait.timeout) {
      return 0; // give up: SQLITE_BUSY, "database busy, try again"
    }
    if (!wait.told && waited >= std::chrono::seconds(1) && wait.on_wait) {
      wait.told = true;
      wait.on_wait();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(attempt < 10 ? 5 : 50));
    return 1;
  }
};

namespace {

void configure(SQLite::Database& db, Store::BusyWait& busy) {
  sqlite3_busy_handler(db.getHandle(), &Store::BusyWait::handler, &busy);
  db.exec("PRAGMA foreign_keys = ON");
  // Deleted rows are overwritten with zeros, whatever SQLite's compiled default: a purged
  // identity must not stay readable in the file's free space.
  db.exec("PRAGMA secure_delete = ON");
}

void check_identity(SQLite::Database& db, const std::string& path) {
  const int application_id = pragma_int(db, "PRAGMA application_id");
  const int version = pragma_int(db, "PRAGMA user_version");
  if (application_id != k_application_id && !(application_id == 0 && version == 0)) {
    throw Error(ExitCode::data, trf("{}: not a panier database", path));
  }
  if (version > k_latest) {
    throw Error(ExitCode::data, trf("{}: database schema version {} is newer than this panier supports ({}); "
                                    "use a newer panier",
                                    path, version, k_latest));
  }
}

// Creates an empty file readable by its owner only, before SQLite opens it: it will hold
// personal data, and SQLite gives its -wal and -shm files the same mode.
bool create_private_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return false;
    }
    throw Error(ExitCode::cant_create, trf("{}: cannot create database: {}", path, std::strerror(errno)));
  }
  ::close(fd);
  return true;
}

} // namespace

std::vector<std::string> make_database_private(const std::string& path) {
  namespace fs = std::filesystem;
  std::vector<std::string> warnings;
  for (const std::string& file : {path, path + "-wal", path + "-shm"}) {
    std::error_code ec;
    const auto status = fs::status(file, ec);
    if (ec || !fs::exists(status)) {
      continue;
    }
    const auto others = fs::perms::group_all | fs::perms::others_all;
    if ((status.permissions() & others) == fs::perms::none) {
      continue;
    }
    const auto mode = static_cast<unsigned>(status.permissions() & fs::perms::mask);
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
    if (ec) {
      throw Error(ExitCode::cant_create,
                  trf("{}: others may read this file of personal data (mode {:o}) and panier cannot "
                      "change that ({}): chmod 600 it, as its owner",
                      file, mode, ec.message()));
    }
    warnings.push_back(trf("{}: was readable by others (mode {:o}); now 0600, owner only", file, mode));
  }
  return warnings;
}

void throw_unknown_word(const std::string& path, std::string_view word, const std::string& expected) {
  throw Error(ExitCode::data,
              trf("{}: the database holds \"{}\" where one of {} is expected: it was not written "
                  "by this panier",
                  path, word, expected));
}

void translate_sqlite_errors(const std::string& path, const std::function<void()>& body) {
  try {
    body();
  } catch (const SQLite::Exception& e) {
    const int code = e.getErrorCode();
    if (is_busy(code)) {
      throw Error(ExitCode::busy, trf("{}: database busy, try again", path));
    }
    const int primary = code & 0xff;
    if (primary == SQLITE_CANTOPEN || primary == SQLITE_PERM || primary == SQLITE_READONLY) {
      throw Error(ExitCode::cant_create, trf("{}: cannot open database: {}", path, e.what()));
    }
    if (primary == SQLITE_IOERR || primary == SQLITE_FULL) {
      throw Error(ExitCode::io, trf("{}: I/O error: {}", path, e.what()));
    }
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
      throw Error(ExitCode::data, trf("{}: not a panier database ({})", path, e.what()));
    }
    throw Error(ExitCode::internal, trf("{}: database error: {}", path, e.what()));
  }
}

Store::Store(std::string path, std::unique_ptr<SQLite::Database> db, std::unique_ptr<BusyWait> busy)
    : m_path(std::move(path)), m_busy(std::move(busy)), m_db(std::move(db)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

int Store::latest_version() { return k_latest; }

Store Store::open(const std::string& path, OpenMode mode, int busy_timeout_s,
                  const std::function<void()>& on_wait) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw Error(ExitCode::no_input, trf("{}: database not found; run panier init", path));
  }
  std::vector<std::string> warnings = make_database_private(path);
  auto busy = std::make_unique<BusyWait>(BusyWait{std::chrono::seconds(busy_timeout_s), on_wait, {}, false});
  std::unique_ptr<SQLite::Database> db;
  translate_sqlite_errors(path, [&] {
    const int access = mode == OpenMode::read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
    db = std::make_unique<SQLite::Database>(path, access | k_open_flags);
    configure(*db, *busy);
    check_identity(*db, path);
    const int version = pragma_int(*db, "PRAGMA user_version");
    if (version < k_latest) {
      throw Error(ExitCode::data, trf("{}: database schema version {} is older than this panier's ({}); "
                                      "run panier init to migrate it",
                                      path, version, k_latest));
    }
  });
  Store store(path, std::move(db), std::move(busy));
  store.m_warnings = std::move(warnings);
  return store;
}

InitResult Store::init(const std::string& path, int busy_timeout_s, const std::function<void()>& on_wait) {
  InitResult result;
  result.created = create_private_file(path);
  result.warnings = make_database_private(path);
  BusyWait busy{std::chrono::seconds(busy_timeout_s), on_wait, {}, false}; // outlives the connection
  std::unique_ptr<SQLite::Database> db;
  translate_sqlite_errors(path, [&] {
    db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | k_open_flags);
    configure(*db, busy);
    check_identity(*db, path);
    {
      SQLite::Transaction first(*db, SQLite::TransactionBehavior::IMMEDIATE);
      result.from_version = pragma_int(*db, "PRAGMA user_version");
      first.commit();
    }
    if (pragma_int(*db, "PRAGMA user_version") < k_latest) {
      db->exec("PRAGMA journal_mode = WAL");
    }
    for (int target = 1; target <= k_latest; ++target) {
      SQLite::Transaction step(*db, SQLite::TransactionBehavior::IMMEDIATE);
      if (pragma_int(*db, "PRAGMA user_version") >= target) {
        continue; // another process got there first
      }
      db->exec(k_migrations[target - 1]);
      db->exec(fmt::format("PRAGMA user_version = {}", target));
      if (target == 1) {
        db->exec(fmt::format("PRAGMA application_id = {}", k_application_id));
      }
      step.commit();
    }
    result.to_version = pragma_int(*db, "PRAGMA user_version");
  });
  return result;
}

int Store::schema_version() {
  int version = 0;
  translate_sqlite_errors(m_path, [&] { version = pragma_int(*m_db, "PRAGMA user_version"); });
  return version;
}

void Store::write(const std::function<void()>& work) {
  translate_sqlite_errors(m_path, [&] {
    SQLite::Transaction transaction(*m_db, SQLite::TransactionBehavior::IMMEDIATE);
    work();
    transaction.commit();
  });
}

void Store::read(const std::function<void()>& work) {
  translate_sqlite_errors(m_path, [&] {
    SQLite::Transaction transaction(*m_db, SQLite::TransactionBehavior::DEFERRED);
    work();
    transaction.commit();
  });
}

void Store::rehearse(const std::function<void()>& work) {
  translate_sqlite_errors(m_path, [&] {
    SQLite::Transaction transaction(*m_db, SQLite::TransactionBehavior::IMMEDIATE);
    work();
    // Not committed: the destructor rolls everything back.
  });
}

bool Store::truncate_log() {
  bool done = false;
  translate_sqlite_errors(m_path, [&] {
    // One row: busy (1 when a reader kept the checkpoint from finishing), log frames, frames copied.
    SQLite::Statement checkpoint(*m_db, "PRAGMA wal_checkpoint(TRUNCATE)");
    checkpoint.executeStep();
    done = checkpoint.getColumn(0).getInt() == 0;
  });
  return done;
}

std::vector<std::string> Store::integrity_problems() {
  std::vector<std::string> problems;
  translate_sqlite_errors(m_path, [&] {
    SQLite::Statement quick(*m_db, "PRAGMA quick_check");
    while (quick.executeStep()) {
      const std::string line = quick.getColumn(0).getString();
      if (line != "ok") {
        problems.push_back(trf("{}: integrity: {}", m_path, line));
      }
    }
    SQLite::Statement keys(*m_db, "PRAGMA foreign_key_check");
    while (keys.executeStep()) {
      problems.push_back(trf("{}: table {} row {} refers to a missing row of {}", m_path,
                             keys.getColumn(0).getString(), keys.getColumn(1).getInt64(),
                             keys.getColumn(2).getString()));
    }
  });
  return problems;
}

} // namespace panier
