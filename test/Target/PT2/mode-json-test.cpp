//===- mode-json-test.cpp - mode's JSON parser against llvm::json ---------===//
//
// Checks that mode::pt2::json::parse (lib/Target/PT2/JSONDocument.h) reads
// what llvm::json::parse reads, for the lit tests of test/Target/PT2:
//
//   mode-json-test lines FILE      each line of FILE is a JSON text: prints
//                                  `ok: VALUE` or `refused: MESSAGE`
//   mode-json-test archives PT2... every .json entry of the archives: prints
//                                  how many were read alike
//
// VALUE is the value as read, members in the order of the text (of
// duplicate keys, the last), numbers as what getAsInteger (i:),
// getAsUINT64 (u:) or getAsNumber (d:) gives first. A text the two parsers do
// not read alike (one refuses it, or the values differ) is an error: exit
// status 1.
//
//===----------------------------------------------------------------------===//

#include "JSONDocument.h"

#include "mode/Target/PT2/Archive.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace llvm;
namespace pt2json = mode::pt2::json;

static cl::SubCommand linesCommand("lines", "Each line is a JSON text");
static cl::opt<std::string> linesInput(cl::Positional, cl::Required,
                                       cl::desc("<file>"),
                                       cl::sub(linesCommand));
static cl::SubCommand archivesCommand("archives",
                                      "Every .json entry of the archives");
static cl::list<std::string> archiveInputs(cl::Positional, cl::OneOrMore,
                                           cl::desc("<archive>..."),
                                           cl::sub(archivesCommand));

/// `text` with the unpaired surrogates mode keeps (as WTF-8: ED A0..BF xx)
/// replaced by U+FFFD, as llvm::json reads them: the one difference.
static std::string asLLVMReadsIt(StringRef text) {
  std::string result;
  for (size_t i = 0; i < text.size(); ++i) {
    if (static_cast<uint8_t>(text[i]) == 0xED && i + 2 < text.size() &&
        (static_cast<uint8_t>(text[i + 1]) & 0xE0) == 0xA0) {
      result += "\xEF\xBF\xBD";
      i += 2;
      continue;
    }
    result += text[i];
  }
  return result;
}

/// Why `ours` differs from `reference`, or an empty string.
static std::string compare(const pt2json::Value &ours,
                           const llvm::json::Value &reference) {
  if (static_cast<int>(ours.kind()) != static_cast<int>(reference.kind()))
    return "different kinds";
  if (ours.getAsNull().has_value() != reference.getAsNull().has_value() ||
      ours.getAsBoolean() != reference.getAsBoolean() ||
      ours.getAsInteger() != reference.getAsInteger() ||
      ours.getAsUINT64() != reference.getAsUINT64() ||
      ours.getAsString().has_value() != reference.getAsString().has_value() ||
      (ours.getAsString() &&
       asLLVMReadsIt(*ours.getAsString()) != *reference.getAsString()))
    return "different values";
  std::optional<double> a = ours.getAsNumber(), b = reference.getAsNumber();
  if (a.has_value() != b.has_value() ||
      (a && std::memcmp(&*a, &*b, sizeof(double)) != 0))
    return "different numbers";
  if (const pt2json::Array *array = ours.getAsArray()) {
    const llvm::json::Array &other = *reference.getAsArray();
    if (array->size() != other.size())
      return "arrays of different sizes";
    for (size_t i = 0; i < array->size(); ++i)
      if (std::string why = compare((*array)[i], other[i]); !why.empty())
        return "[" + std::to_string(i) + "]: " + why;
  }
  if (const pt2json::Object *object = ours.getAsObject()) {
    const llvm::json::Object &other = *reference.getAsObject();
    if (object->size() != other.size())
      return "objects of different sizes";
    for (const auto &[key, value] : other) {
      const pt2json::Value *mine = object->get(StringRef(key));
      if (!mine)
        return "no member '" + key.str() + "'";
      if (std::string why = compare(*mine, value); !why.empty())
        return "'" + key.str() + "': " + why;
    }
  }
  return {};
}

static void print(const pt2json::Value &value, raw_ostream &os) {
  if (value.getAsNull()) {
    os << "null";
  } else if (std::optional<bool> b = value.getAsBoolean()) {
    os << (*b ? "true" : "false");
  } else if (std::optional<StringRef> s = value.getAsString()) {
    os << '"';
    os.write_escaped(*s, /*UseHexEscapes=*/true);
    os << '"';
  } else if (const pt2json::Array *array = value.getAsArray()) {
    os << "[";
    ListSeparator separator;
    for (const pt2json::Value &element : *array) {
      os << separator;
      print(element, os);
    }
    os << "]";
  } else if (const pt2json::Object *object = value.getAsObject()) {
    os << "{";
    ListSeparator separator;
    for (const auto &[key, member] : *object) {
      os << separator << '"';
      os.write_escaped(key, /*UseHexEscapes=*/true);
      os << "\": ";
      print(member, os);
    }
    os << "}";
  } else if (std::optional<int64_t> i = value.getAsInteger()) {
    os << "i:" << *i;
  } else if (std::optional<uint64_t> u = value.getAsUINT64()) {
    os << "u:" << *u;
  } else {
    os << "d:" << format("%.17g", *value.getAsNumber());
  }
}

/// Parses `text` both ways; prints the outcome to `os` if given. Returns
/// false, saying why on stderr, if the two disagree.
static bool check(StringRef text, StringRef what, raw_ostream *os) {
  Expected<pt2json::Document> ours = pt2json::parse(text);
  Expected<llvm::json::Value> reference = llvm::json::parse(text);
  if (!reference) {
    std::string message = toString(reference.takeError());
    if (ours) {
      WithColor::error() << what << ": llvm::json refuses it (" << message
                         << ") and mode reads it\n";
      return false;
    }
    std::string mine = toString(ours.takeError());
    if (mine != message) {
      WithColor::error() << what << ": refused with '" << mine
                         << "', llvm::json says '" << message << "'\n";
      return false;
    }
    if (os)
      *os << "refused: " << message << "\n";
    return true;
  }
  if (!ours) {
    WithColor::error() << what << ": mode refuses it ("
                       << toString(ours.takeError())
                       << ") and llvm::json reads it\n";
    return false;
  }
  if (std::string why = compare(*ours, *reference); !why.empty()) {
    WithColor::error() << what << ": read differently: " << why << "\n";
    return false;
  }
  if (os) {
    *os << "ok: ";
    print(*ours, *os);
    *os << "\n";
  }
  return true;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv,
                              "mode's JSON parser against llvm::json\n");
  if (linesCommand) {
    auto buffer = MemoryBuffer::getFile(linesInput, /*IsText=*/true);
    if (!buffer) {
      WithColor::error() << linesInput << ": " << buffer.getError().message()
                         << "\n";
      return 1;
    }
    SmallVector<StringRef> lines;
    (*buffer)->getBuffer().split(lines, '\n', -1, /*KeepEmpty=*/false);
    bool ok = true;
    for (auto [index, line] : llvm::enumerate(lines))
      ok &= check(line, "line " + std::to_string(index + 1), &outs());
    return ok ? 0 : 1;
  }
  if (archivesCommand) {
    size_t read = 0;
    bool ok = true;
    for (const std::string &path : archiveInputs) {
      auto reader = mode::pt2::ArchiveReader::open(path);
      if (!reader) {
        WithColor::error() << toString(reader.takeError()) << "\n";
        return 1;
      }
      for (const mode::pt2::ArchiveEntry &entry : (*reader)->getEntries()) {
        if (!StringRef(entry.name).ends_with(".json"))
          continue;
        Expected<std::string> text = (*reader)->read(entry);
        if (!text) {
          WithColor::error() << toString(text.takeError()) << "\n";
          return 1;
        }
        ok &= check(*text, path + ":" + entry.name, nullptr);
        ++read;
      }
    }
    outs() << read << " JSON entries read as llvm::json reads them\n";
    return ok ? 0 : 1;
  }
  cl::PrintHelpMessage();
  return 1;
}
