// Benchmarks driven by scripts/bench. Each subcommand prints one line of key=value figures.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "panier/csv.hpp"
#include "panier/error.hpp"

namespace {

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// A households-import-shaped file: 16 columns, realistic values, some quoted fields.
int csv_gen(const std::string& path, long rows, bool french) {
  std::ofstream out(path, std::ios::binary);
  if (french) {
    out << "\xEF\xBB\xBF";
  }
  const char* sep = french ? ";" : ",";
  const char* eol = french ? "\r\n" : "\n";
  out << fmt::format("code{0}last_name{0}first_name{0}phone{0}adults{0}children{0}commune{0}qf{0}qf_date{0}"
                     "referrer{0}scheme{0}size{0}point{0}start_week{0}end_week{0}tier{1}",
                     sep, eol);
  static const char* const communes[] = {"Lens", "Liévin", "Avion", "\"Loos-en-Gohelle, cité 5\""};
  for (long i = 0; i < rows; ++i) {
    const long qf = 300 + (i * 37) % 900;
    out << fmt::format(
        "H-{1:06}{0}Nom{1}{0}Prénom{0}06{2:08}{0}{3}{0}{4}{0}{5}{0}{6}{7}{8:02}{0}2026-0{9}-15{0}"
        "ccas{0}cocagne{0}{10}{0}cs-{11}{0}2026-W{12:02}{0}{0}{13}",
        sep, i, i % 100000000, 1 + i % 3, i % 4, communes[i % 4], qf, french ? "," : ".", i % 100, 1 + i % 9,
        "SML"[i % 3], i % 300, 1 + i % 52, eol);
  }
  return 0;
}

int csv_read(const std::string& path) {
  using namespace panier;
  static const CsvColumn columns[] = {
      {"code", true},     {"last_name", true},  {"first_name", true}, {"phone", false},
      {"adults", true},   {"children", true},   {"commune", true},    {"qf", true},
      {"qf_date", false}, {"referrer", true},   {"scheme", true},     {"size", true},
      {"point", true},    {"start_week", true}, {"end_week", false},  {"tier", false}};
  const auto start = std::chrono::steady_clock::now();
  CsvReader reader(path);
  reader.read_header(columns);
  long rows = 0;
  std::int64_t checksum = 0;
  while (reader.next()) {
    checksum += reader.required_number(4) + reader.required_number(5) + reader.required_number(7, 2);
    checksum +=
        static_cast<std::int64_t>(reader.text(0).size() + reader.text(6).size() + reader.text(13).size());
    ++rows;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("rows=%ld seconds=%.3f rows_per_s=%.0f peak_rss_kib=%ld checksum=%lld\n", rows, seconds,
              static_cast<double>(rows) / seconds, peak_rss_kib(), static_cast<long long>(checksum));
  return 0;
}

// Runs a command and reports its wall time and peak memory (the child's maximum resident set).
int run_measured(char** argv) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    execvp(argv[0], argv);
    std::perror("bench: exec");
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  std::fprintf(stderr, "exit=%d seconds=%.3f peak_rss_kib=%ld\n", code, seconds, usage.ru_maxrss);
  return code;
}

} // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 4 && std::strcmp(argv[1], "csv-gen") == 0) {
      return csv_gen(argv[2], std::stol(argv[3]), false);
    }
    if (argc == 4 && std::strcmp(argv[1], "csv-gen-fr") == 0) {
      return csv_gen(argv[2], std::stol(argv[3]), true);
    }
    if (argc == 3 && std::strcmp(argv[1], "csv-read") == 0) {
      return csv_read(argv[2]);
    }
    if (argc >= 3 && std::strcmp(argv[1], "run") == 0) {
      return run_measured(argv + 2);
    }
  } catch (const panier::Error& e) {
    std::fprintf(stderr, "bench: %s\n", e.what());
    return static_cast<int>(e.code());
  }
  std::fprintf(stderr, "usage: panier_bench csv-gen|csv-gen-fr FILE ROWS | csv-read FILE | run COMMAND...\n");
  return 64;
}
