#include "formats/guide_file.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace covalue::formats {
namespace {

// A problem found at a line of the file; thrown inside the reader, caught at its edge.
struct FileProblem {
  int line;
  std::string reason;
};

int LineOf(const YAML::Node& node) { return node.Mark().line + 1; }

[[noreturn]] void Throw(const YAML::Node& node, std::string reason) {
  throw FileProblem{LineOf(node), std::move(reason)};
}

// Reads a mapping strictly: every key is read once by name, and unknown keys are refused.
class MapReader {
 public:
  MapReader(const YAML::Node& node, std::string what) : node_(node), what_(std::move(what)) {
    if (!node.IsMap()) {
      Throw(node, fmt::format("{} must be a mapping of keys to values", what_));
    }
  }

  YAML::Node Optional(const std::string& key) {
    read_.insert(key);
    return node_[key];
  }

  YAML::Node Required(const std::string& key) {
    YAML::Node value = Optional(key);
    if (!value) {
      Throw(node_, fmt::format("{} needs '{}'", what_, key));
    }
    return value;
  }

  std::string String(const std::string& key, bool required) {
    YAML::Node value = required ? Required(key) : Optional(key);
    if (!value) {
      return {};
    }
    if (!value.IsScalar()) {
      Throw(value, fmt::format("'{}' must be a plain value", key));
    }
    return value.Scalar();
  }

  void Finish() const {
    for (const auto& entry : node_) {
      const std::string key = entry.first.Scalar();
      if (!read_.contains(key)) {
        Throw(entry.first, fmt::format("unknown key '{}' in {}", key, what_));
      }
    }
  }

 private:
  YAML::Node node_;
  std::string what_;
  std::set<std::string> read_;
};

LocalizedText ReadText(const YAML::Node& node, const std::string& what) {
  if (!node) {
    return {};
  }
  LocalizedText text;
  if (!node.IsMap()) {
    Throw(node, fmt::format("the {} must map language codes to texts, such as en: and sv:", what));
  }
  for (const auto& entry : node) {
    const std::string language = entry.first.Scalar();
    if (language.size() < 2 || language.size() > 8 ||
        !std::all_of(language.begin(), language.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; })) {
      Throw(entry.first, fmt::format("'{}' is not a language code", language));
    }
    if (!entry.second.IsScalar()) {
      Throw(entry.second, fmt::format("the {} in '{}' must be text", what, language));
    }
    text.by_language[language] = entry.second.Scalar();
  }
  return text;
}

template <typename T>
T ParseOrThrow(const YAML::Node& node, std::optional<T> parsed, std::string_view what,
               std::string_view allowed) {
  if (!parsed) {
    Throw(node, fmt::format("'{}' is not {}; use one of {}", node.Scalar(), what, allowed));
  }
  return *parsed;
}

class GuideReader {
 public:
  Guide Read(const YAML::Node& root) {
    MapReader top(root, "the guide");
    const YAML::Node format = top.Required("format");
    if (!format.IsScalar() || format.Scalar() != "1") {
      Throw(format, "this program reads guide format 1");
    }
    Guide guide;
    guide.id = top.String("id", true);
    guide.version = top.String("version", true);
    const YAML::Node kind = top.Required("kind");
    guide.kind = ParseOrThrow(kind, ParseGuideKind(kind.Scalar()), "a guide kind",
                              "full, short-form, passport");
    guide.title = ReadText(top.Required("title"), "title");
    guide.description = ReadText(top.Optional("description"), "description");
    guide.items = ReadItems(top.Required("items"));
    top.Finish();
    return guide;
  }

  // The line of each item, to place problems found by the guide's rules.
  const std::map<std::string, int>& Lines() const { return lines_; }

 private:
  std::vector<GuideItem> ReadItems(const YAML::Node& node) {
    if (!node.IsSequence()) {
      Throw(node, "items must be a list");
    }
    std::vector<GuideItem> items;
    for (const YAML::Node& child : node) {
      items.push_back(ReadItem(child));
    }
    return items;
  }

  GuideItem ReadItem(const YAML::Node& node) {
    MapReader reader(node, "an item");
    GuideItem item;
    item.link_id = reader.String("link_id", true);
    lines_[item.link_id] = LineOf(node);  // the last of duplicates is the one at fault
    const YAML::Node type = reader.Required("type");
    item.type = ParseOrThrow(type, ParseGuideItemType(type.Scalar()), "an item type",
                             "group, text, string, choice, rating, date");
    item.text = ReadText(reader.Required("text"), "text");
    item.hint = ReadText(reader.Optional("hint"), "hint");
    item.introduction = ReadText(reader.Optional("introduction"), "introduction");
    if (const YAML::Node step = reader.Optional("step")) {
      int value = 0;
      if (!YAML::convert<int>::decode(step, value) || value < 1 || value > 9) {
        Throw(step, "step must be a whole number from 1 to 9");
      }
      item.step = value;
    }
    item.summarises = reader.String("summarises", false);
    if (const YAML::Node artefacts = reader.Optional("artefacts")) {
      if (!artefacts.IsSequence()) {
        Throw(artefacts, "artefacts must be a list");
      }
      for (const YAML::Node& a : artefacts) {
        item.artefacts.push_back(ParseOrThrow(a, ParseArtefact(a.Scalar()), "an artefact",
                                              "persona, process-map, measure"));
      }
    }
    if (const YAML::Node options = reader.Optional("options")) {
      if (!options.IsSequence()) {
        Throw(options, "options must be a list");
      }
      for (const YAML::Node& o : options) {
        MapReader option(o, "an option");
        GuideOption read{option.String("code", true), ReadText(option.Required("text"), "text")};
        option.Finish();
        item.options.push_back(std::move(read));
      }
    }
    if (const YAML::Node domain = reader.Optional("value_domain")) {
      item.value_domain = ParseOrThrow(domain, ParseValueDomain(domain.Scalar()), "a value domain",
                                       "communication, self-efficacy, interconnectedness, costs, "
                                       "professional-experience, access");
    }
    if (const YAML::Node repeats = reader.Optional("repeats")) {
      if (!YAML::convert<bool>::decode(repeats, item.repeats)) {
        Throw(repeats, "repeats must be true or false");
      }
    }
    if (const YAML::Node children = reader.Optional("items")) {
      item.items = ReadItems(children);
    }
    reader.Finish();
    return item;
  }

  std::map<std::string, int> lines_;
};

Error AtLine(const std::filesystem::path& path, int line, const std::string& reason) {
  return {ErrorCode::kInvalidArgument, fmt::format("{}:{}: {}", path.string(), line, reason), {}};
}

struct LoadedGuide {
  Guide guide;
  std::map<std::string, int> lines;  // of each item, by link id
};

Result<LoadedGuide> Read(std::string_view text, const std::filesystem::path& path) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return Fail(AtLine(path, e.mark.line + 1, e.msg));
  }
  GuideReader reader;
  Guide guide;
  try {
    guide = reader.Read(root);
  } catch (const FileProblem& problem) {
    return Fail(AtLine(path, problem.line, problem.reason));
  } catch (const YAML::Exception& e) {
    return Fail(AtLine(path, e.mark.line + 1, e.msg));
  }
  const auto problems = CheckGuide(guide);
  if (!problems.empty()) {
    const GuideProblem& first = problems.front();
    auto line = reader.Lines().find(first.link_id);
    return Fail(AtLine(path, line == reader.Lines().end() ? 1 : line->second, first.message));
  }
  return LoadedGuide{std::move(guide), reader.Lines()};
}

Result<LoadedGuide> Load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) {
    return Fail(ErrorCode::kNotFound, fmt::format("{}: cannot read the guide file", path.string()));
  }
  return Read(text.str(), path);
}

}  // namespace

Result<Guide> ReadGuideFile(std::string_view text, const std::filesystem::path& name) {
  COVALUE_ASSIGN_OR_RETURN(LoadedGuide loaded, Read(text, name));
  return std::move(loaded.guide);
}

Result<Guide> LoadGuideFile(const std::filesystem::path& path) {
  COVALUE_ASSIGN_OR_RETURN(LoadedGuide loaded, Load(path));
  return std::move(loaded.guide);
}

Result<std::vector<Guide>> LoadGuides(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  if (files.empty()) {
    return Fail(ErrorCode::kNotFound, fmt::format("{}: no guide files (*.yaml)", dir.string()));
  }
  std::sort(files.begin(), files.end());
  std::vector<Guide> guides;
  std::vector<std::map<std::string, int>> lines;
  for (const auto& file : files) {
    COVALUE_ASSIGN_OR_RETURN(LoadedGuide loaded, Load(file));
    guides.push_back(std::move(loaded.guide));
    lines.push_back(std::move(loaded.lines));
  }
  const auto problems = CheckGuideSet(guides);
  if (!problems.empty()) {
    const GuideProblem& first = problems.front();
    for (std::size_t i = 0; i < guides.size(); ++i) {
      if (auto line = lines[i].find(first.link_id); line != lines[i].end()) {
        return Fail(AtLine(files[i], line->second, first.message));
      }
    }
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: {}", dir.string(), first.message));
  }
  return guides;
}

}  // namespace covalue::formats
