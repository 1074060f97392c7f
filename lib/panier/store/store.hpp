// The SQLite store: the only part of panier that speaks SQL. Opening, migrations (numbered,
// append-only, applied from PRAGMA user_version), transactions and the mapping of SQLite's
// failures to panier errors ("database busy, try again", exit 75).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "panier/core/vocabulary.hpp"

namespace SQLite {
class Database;
}

namespace panier {

enum class OpenMode { read_only, read_write };

struct InitResult {
  bool created = false;
  std::vector<std::string> warnings; // the database's files made private (see make_database_private)
  int from_version = 0;
  int to_version = 0;
};

// The database and its -wal and -shm files hold personal data: any of them that others may read
// is set to 0600, each change returned as a warning; Error(cant_create) when that fails.
std::vector<std::string> make_database_private(const std::string& path);

class Store {
public:
  // Opens an existing database. Error(no_input) when it does not exist, Error(data) when it is not
  // a panier database or was written by a newer panier, Error(busy) when locked past the timeout.
  // While another connection holds the lock, it waits up to busy_timeout_s; `on_wait` (optional)
  // is called once when that wait passes a second, so that a person knows why nothing happens.
  static Store open(const std::string& path, OpenMode mode, int busy_timeout_s,
                    const std::function<void()>& on_wait = {});

  // Creates the database (mode 0600) when missing, then applies pending migrations, each in its
  // own IMMEDIATE transaction. Idempotent.
  static InitResult init(const std::string& path, int busy_timeout_s,
                         const std::function<void()>& on_wait = {});

  // The schema version this build writes.
  static int latest_version();

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const std::string& path() const noexcept { return m_path; }
  int schema_version();

  // Runs `work` in one BEGIN IMMEDIATE transaction: all of it is committed or none of it.
  void write(const std::function<void()>& work);
  // Runs `work` in one read transaction: every query sees the same committed state, even while
  // other processes write (a report or a delivery never mixes two states of the database).
  void read(const std::function<void()>& work);
  // Runs `work` in one transaction and rolls it back: what a --dry-run does.
  void rehearse(const std::function<void()>& work);

  // Copies every committed change into the database file and empties the -wal file, so that rows
  // deleted (and overwritten: secure_delete is on for every connection) leave no copy behind.
  // False when another connection kept it from finishing; Error(busy) on a lock timeout.
  bool truncate_log();

  // Problems found by SQLite's own checks (quick_check, foreign_key_check); empty when sound.
  std::vector<std::string> integrity_problems();

  // What opening did that a user should know: files made private.
  const std::vector<std::string>& warnings() const noexcept { return m_warnings; }

  // For the store's own modules only.
  SQLite::Database& db() { return *m_db; }

  struct BusyWait; // how the connection waits on a lock (store.cpp)

private:
  Store(std::string path, std::unique_ptr<SQLite::Database> db, std::unique_ptr<BusyWait> busy);
  std::string m_path;
  std::unique_ptr<BusyWait> m_busy; // before m_db: the connection it serves closes first
  std::unique_ptr<SQLite::Database> m_db;
  std::vector<std::string> m_warnings;
};

[[noreturn]] void throw_unknown_word(const std::string& path, std::string_view word,
                                     const std::string& expected);

// A vocabulary word read back from the database; Error(data) naming the database when it is not
// one of the vocabulary's (a database written by something else than panier).
template <typename E> E stored_word(const std::string& path, std::string_view word) {
  if (const auto value = parse_word<E>(word)) {
    return *value;
  }
  throw_unknown_word(path, word, texts_joined<E>());
}
// The same for a word that may be empty (none given): nullopt when empty.
template <typename E> std::optional<E> stored_optional_word(const std::string& path, std::string_view word) {
  if (word.empty()) {
    return std::nullopt;
  }
  return stored_word<E>(path, word);
}
template <typename E> std::string_view optional_text(const std::optional<E>& value) {
  return value ? text(*value) : std::string_view{};
}

// Runs `body`, turning SQLite's exceptions into panier errors that name `path`.
void translate_sqlite_errors(const std::string& path, const std::function<void()>& body);

} // namespace panier
