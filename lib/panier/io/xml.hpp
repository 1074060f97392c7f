// Streaming XML through expat, for the parts of a workbook: elements by local name (namespace
// prefixes vary between writers), character data, and a pump that parses a chunk at a time.
#pragma once

#include <exception>
#include <string>
#include <string_view>

#include "panier/io/zip.hpp"

struct XML_ParserStruct;

namespace panier {

class XmlHandler {
public:
  virtual ~XmlHandler() = default;
  // `attributes` alternates local names and values, ending with nullptr.
  virtual void start(std::string_view name, const char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view /*data*/) {}
};

// The value of the attribute with this local name, or nullptr.
const char* attribute(const char** attributes, std::string_view name);

// Parses one archive entry, a chunk per pump(), into a handler.
class XmlPump {
public:
  XmlPump(const ZipArchive& archive, const std::string& entry, XmlHandler& handler);
  ~XmlPump();
  XmlPump(const XmlPump&) = delete;
  XmlPump& operator=(const XmlPump&) = delete;

  // Parses the next chunk; false once the whole entry is parsed (or stop() was called).
  bool pump();
  // Ends parsing early (the handler has what it needs).
  void stop() noexcept { m_done = true; }

private:
  template <class F> static void guarded(void* data, F&& call);
  static void on_start(void* data, const char* name, const char** attributes);
  static void on_end(void* data, const char* name);
  static void on_text(void* data, const char* text, int length);

  const ZipArchive& m_archive;
  ZipArchive::Entry m_entry;
  XmlHandler* m_handler;
  XML_ParserStruct* m_parser;
  std::exception_ptr m_failure;
  bool m_done = false;
};

// Parses a whole entry into a handler.
void parse_entry(const ZipArchive& archive, const std::string& entry, XmlHandler& handler);

} // namespace panier
