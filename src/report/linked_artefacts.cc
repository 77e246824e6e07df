// The personas and maps workbook answers link to, for the print and the Markdown export.

#include "report/linked_artefacts.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "app/kernel/crypto.h"
#include "domain/dates.h"
#include "report/export.h"
#include "report/process_map_drawing.h"

namespace covalue::report {
namespace {

struct Words {
  std::string_view en, sv;
};
const std::map<std::string_view, Words>& Dictionary() {
  static const std::map<std::string_view, Words> words = {
      {"persona", {"Persona", "Persona"}},
      {"picture_of", {"Picture of {}", "Bild av {}"}},
      {"person", {"A person served", "En person som tjänsten är till för"}},
      {"professional", {"A professional", "En professionell"}},
      {"stratum", {"Stratum", "Stratum"}},
      {"no_stratum", {"Not linked to a stratum", "Inte kopplad till ett stratum"}},
      {"as_of", {"Numbers as of {0}, over {1} – {2}", "Siffror per {0}, för {1} – {2}"}},
      {"people", {"People", "Personer"}},
      {"utilisation", {"Utilisation per person-year", "Vårdutnyttjande per personår"}},
      {"cost", {"Cost per person-year", "Kostnad per personår"}},
      {"scores", {"Median (Q1–Q3) of the latest", "Median (Q1–Q3) av senaste"}},
      {"suppressed",
       {"Fewer than the minimum cell: not shown", "Färre än minsta cellstorlek: visas inte"}},
      {"no_numbers",
       {"No numbers: the stratum is no longer defined",
        "Inga siffror: stratumet finns inte längre"}},
      {"map", {"Process map", "Processkarta"}},
      {"revision", {"revision {0}", "version {0}"}},
      {"step", {"Step", "Steg"}},
      {"lane", {"Lane", "Bana"}},
      {"configuration", {"Value configuration", "Värdekonfiguration"}},
      {"direct", {"Service", "Tjänsten"}},
      {"person_cost", {"The person's", "Personens"}},
      {"total", {"Total", "Totalt"}},
      {"by_configuration", {"By value configuration", "Per värdekonfiguration"}},
      {"journey", {"Journey, a year", "Resa, ett år"}},
      {"chain", {"chain", "kedja"}},
      {"shop", {"shop", "verkstad"}},
      {"network", {"network", "nätverk"}},
      {"access", {"access", "tillgång"}},
      {"not_shown", {"Not shown: {0}.", "Visas inte: {0}."}},
      {"no longer exists", {"it no longer exists", "den finns inte längre"}},
      {"not shared with you", {"it is not shared with you", "den är inte delad med dig"}},
  };
  return words;
}

std::string Count(const std::optional<std::int64_t>& n) { return n ? std::to_string(*n) : "–"; }

std::string Number(const std::optional<double>& value, std::string_view unit = "") {
  if (!value) return "–";
  return unit.empty() ? Amount(*value) : fmt::format("{} {}", Amount(*value), unit);
}

std::string ConfigurationWord(ValueConfiguration c, std::string_view language) {
  return std::string(LinkedWord(ValueConfigurationName(c), language));
}

// A table's rows as cells, shared by the HTML and Markdown writers.
using Rows = std::vector<std::vector<std::string>>;

std::string HtmlTable(const std::vector<std::string>& headings, const Rows& rows) {
  std::string out = "<table>";
  if (std::any_of(headings.begin(), headings.end(),
                  [](const std::string& h) { return !h.empty(); })) {
    out += "<thead><tr>";
    for (const std::string& h : headings) out += "<th scope=\"col\">" + EscapeMarkup(h) + "</th>";
    out += "</tr></thead>";
  }
  out += "<tbody>";
  for (const auto& row : rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      out += c == 0 ? "<th scope=\"row\">" + EscapeMarkup(row[c]) + "</th>"
                    : "<td>" + EscapeMarkup(row[c]) + "</td>";
    }
    out += "</tr>";
  }
  return out + "</tbody></table>\n";
}

std::string MarkdownCell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string MarkdownTable(const std::vector<std::string>& headings, const Rows& rows) {
  std::string out = "|";
  for (const std::string& h : headings) out += " " + MarkdownCell(h) + " |";
  out += "\n|";
  for (std::size_t c = 0; c < headings.size(); ++c) out += c == 0 ? " --- |" : " ---: |";
  out += "\n";
  for (const auto& row : rows) {
    out += "|";
    for (const std::string& cell : row) out += " " + MarkdownCell(cell) + " |";
    out += "\n";
  }
  return out;
}

// A persona's numbers as rows (two columns), or the sentence why there are none.
Rows PersonaRows(const app::PersonaView& p, std::string_view language) {
  const app::StratumSummary& n = *p.numbers;
  if (n.suppressed)
    return {{std::string(LinkedWord("people", language)),
             std::string(LinkedWord("suppressed", language))}};
  Rows rows = {
      {std::string(LinkedWord("people", language)), Count(n.people)},
      {std::string(LinkedWord("utilisation", language)), Number(n.utilisation_per_person_year)},
      {std::string(LinkedWord("cost", language)), Number(n.cost_per_person_year, p.currency)}};
  for (const auto& [code, q] : n.scores) {
    rows.push_back(
        {fmt::format("{} {}", LinkedWord("scores", language), code),
         q ? fmt::format("{} ({}–{})", Amount(q->median), Amount(q->q1), Amount(q->q3)) : "–"});
  }
  return rows;
}

std::string PersonaHeading(const app::LinkedPersona& linked, std::string_view language) {
  return linked.persona
             ? fmt::format("{}: {}", LinkedWord("persona", language), linked.persona->persona.name)
             : fmt::format("{} {}", LinkedWord("persona", language), linked.id);
}

std::string PersonaMeta(const app::PersonaView& p, std::string_view language) {
  std::string meta(LinkedWord(p.persona.professional ? "professional" : "person", language));
  meta += " · ";
  meta += p.persona.stratification_id
              ? fmt::format("{} “{}”", LinkedWord("stratum", language), p.persona.stratum)
              : std::string(LinkedWord("no_stratum", language));
  return meta;
}

std::string AsOf(const app::WorkbookExport& e, const app::PersonaView& p,
                 std::string_view language) {
  return fmt::format(fmt::runtime(LinkedWord("as_of", language)), FormatDate(e.read_ms),
                     p.window_from, p.window_to);
}

struct CostTables {
  std::vector<std::string> step_headings;
  Rows steps;
  std::vector<std::string> summary_headings;
  Rows summary;  // by configuration, journeys, total
};

CostTables CostsOf(const app::LinkedMap& linked, std::string_view language) {
  const ProcessMapContent& content = linked.map->map.latest.content;
  const MapCosts& costs = linked.costs->costs;
  const std::string& currency = linked.costs->currency;
  CostTables t;
  t.step_headings = {std::string(LinkedWord("step", language)),
                     std::string(LinkedWord("lane", language)),
                     std::string(LinkedWord("configuration", language)),
                     fmt::format("{} ({})", LinkedWord("direct", language), currency),
                     fmt::format("{} ({})", LinkedWord("person_cost", language), currency),
                     fmt::format("{} ({})", LinkedWord("total", language), currency)};
  for (const StepCost& s : costs.steps) {
    t.steps.push_back({StepTitle(content, s.step_id), LaneTitle(content, s.lane_id),
                       ConfigurationWord(s.configuration, language), Amount(s.direct),
                       Amount(s.person), Amount(s.total)});
  }
  t.summary_headings = {std::string(LinkedWord("by_configuration", language)),
                        fmt::format("{} ({})", LinkedWord("total", language), currency)};
  for (std::size_t i = 0; i < std::size(kValueConfigurations); ++i) {
    t.summary.push_back(
        {ConfigurationWord(kValueConfigurations[i], language), Amount(costs.by_configuration[i])});
  }
  for (const JourneyCost& j : costs.journeys) {
    t.summary.push_back(
        {fmt::format("{}: {}", LinkedWord("journey", language), j.name), Amount(j.per_year)});
  }
  t.summary.push_back({std::string(LinkedWord("total", language)), Amount(costs.total)});
  return t;
}

std::string MapHeading(const app::LinkedMap& linked, std::string_view language) {
  return linked.map ? fmt::format("{}: {} ({})", LinkedWord("map", language), linked.map->map.name,
                                  fmt::format(fmt::runtime(LinkedWord("revision", language)),
                                              linked.map->map.latest.number))
                    : fmt::format("{} {}", LinkedWord("map", language), linked.id);
}

std::string NotShown(const std::string& reason, std::string_view language) {
  return fmt::format(fmt::runtime(LinkedWord("not_shown", language)), LinkedWord(reason, language));
}

// The SVG of a map for inlining in HTML: without its XML declaration.
std::string InlineSvg(const app::LinkedMap& linked) {
  std::string svg = ProcessMapSvg({linked.map->map.name, &linked.map->map.latest.content,
                                   &linked.costs->costs, linked.costs->currency});
  if (svg.rfind("<?xml", 0) == 0) svg.erase(0, svg.find("?>") + 2);
  svg.erase(0, svg.find_first_not_of(" \r\n"));
  return svg;
}

}  // namespace

std::string StepTitle(const ProcessMapContent& content, const std::string& step_id) {
  for (const ProcessStep& step : content.steps) {
    if (step.id == step_id) return step.title;
  }
  return step_id;
}

std::string LaneTitle(const ProcessMapContent& content, const std::string& lane_id) {
  for (const Lane& lane : content.lanes) {
    if (lane.id == lane_id) return lane.title;
  }
  return lane_id;
}

// The persona's texts: each question of the persona guide with an answer, in guide order.
std::vector<std::pair<std::string, std::string>> PersonaTexts(const app::WorkbookExport& e,
                                                              const app::LinkedPersona& linked,
                                                              std::string_view language) {
  std::vector<std::pair<std::string, std::string>> texts;
  if (!linked.texts) return texts;
  for (const GuideItem& item : e.persona_guide.items) {
    const app::WorkbookAnswer* answer = linked.texts->Answer(item.link_id);
    if (answer != nullptr && answer->latest && !answer->latest->text.empty()) {
      texts.emplace_back(item.text.In(language), answer->latest->text);
    }
  }
  return texts;
}

std::string_view LinkedWord(std::string_view key, std::string_view language) {
  const auto& words = Dictionary();
  const auto it = words.find(key);
  if (it == words.end()) return key;
  return language == "sv" ? it->second.sv : it->second.en;
}

std::string Amount(double value) {
  if (!std::isfinite(value)) return "–";
  return fmt::format("{:.2f}", value);
}

std::vector<ArtefactLink> LinkedShown::FirstIn(std::string_view text) {
  std::vector<ArtefactLink> fresh;
  for (const ArtefactLink& link : ArtefactLinksIn(text)) {
    if (std::find(shown_.begin(), shown_.end(), link) != shown_.end()) continue;
    shown_.push_back(link);
    fresh.push_back(link);
  }
  return fresh;
}

std::string LinkedHtml(const app::WorkbookExport& e, const ArtefactLink& link,
                       std::string_view language) {
  std::string out;
  if (link.kind == ArtefactKind::kPersona) {
    const app::LinkedPersona* linked = e.Persona(link.id);
    if (linked == nullptr) return "";  // past the export's limit: the link stays text
    out += fmt::format("<aside class=\"linked persona\"><h4>{}</h4>",
                       EscapeMarkup(PersonaHeading(*linked, language)));
    if (!linked->persona) {
      return out + fmt::format("<p class=\"empty\">{}</p></aside>\n",
                               EscapeMarkup(NotShown(linked->unavailable, language)));
    }
    const app::PersonaView& p = *linked->persona;
    out += fmt::format("<p class=\"meta\">{}</p>", EscapeMarkup(PersonaMeta(p, language)));
    if (!linked->picture_png.empty()) {
      out += fmt::format("<img class=\"portrait\" alt=\"{}\" src=\"data:image/png;base64,{}\">",
                         EscapeMarkup(fmt::format(fmt::runtime(LinkedWord("picture_of", language)),
                                                  p.persona.name)),
                         app::crypto::ToBase64(linked->picture_png));
    }
    if (p.numbers) {
      out += fmt::format("<p class=\"meta\">{}</p>", EscapeMarkup(AsOf(e, p, language)));
      out += HtmlTable({"", ""}, PersonaRows(p, language));
    } else if (p.persona.stratification_id) {
      out += fmt::format("<p class=\"empty\">{}</p>",
                         EscapeMarkup(LinkedWord("no_numbers", language)));
    }
    for (const auto& [question, text] : PersonaTexts(e, *linked, language)) {
      out += fmt::format("<h5>{}</h5><div class=\"answer\">{}</div>", EscapeMarkup(question),
                         EscapeMarkup(text));
    }
    return out + "</aside>\n";
  }
  const app::LinkedMap* linked = e.Map(link.id);
  if (linked == nullptr) return "";
  out += fmt::format("<aside class=\"linked map\"><h4>{}</h4>",
                     EscapeMarkup(MapHeading(*linked, language)));
  if (!linked->map) {
    return out + fmt::format("<p class=\"empty\">{}</p></aside>\n",
                             EscapeMarkup(NotShown(linked->unavailable, language)));
  }
  out += "<figure class=\"picture\">" + InlineSvg(*linked) + "</figure>";
  const CostTables t = CostsOf(*linked, language);
  out += HtmlTable(t.summary_headings, t.summary);
  out += HtmlTable(t.step_headings, t.steps);
  return out + "</aside>\n";
}

std::string LinkedMarkdown(const app::WorkbookExport& e, const ArtefactLink& link,
                           std::string_view language) {
  std::string out;
  if (link.kind == ArtefactKind::kPersona) {
    const app::LinkedPersona* linked = e.Persona(link.id);
    if (linked == nullptr) return "";
    out += fmt::format("\n> **{}**\n", PersonaHeading(*linked, language));
    if (!linked->persona)
      return out + fmt::format(">\n> {}\n", NotShown(linked->unavailable, language));
    const app::PersonaView& p = *linked->persona;
    out += fmt::format(">\n> {}\n", PersonaMeta(p, language));
    if (p.numbers) {
      out += fmt::format(">\n> {}\n\n", AsOf(e, p, language));
      out += MarkdownTable({"", ""}, PersonaRows(p, language));
    }
    for (const auto& [question, text] : PersonaTexts(e, *linked, language)) {
      out += fmt::format("\n*{}*\n\n{}\n", question, text);
    }
    return out;
  }
  const app::LinkedMap* linked = e.Map(link.id);
  if (linked == nullptr) return "";
  out += fmt::format("\n> **{}**\n", MapHeading(*linked, language));
  if (!linked->map) return out + fmt::format(">\n> {}\n", NotShown(linked->unavailable, language));
  const CostTables t = CostsOf(*linked, language);
  out += "\n" + MarkdownTable(t.summary_headings, t.summary);
  out += "\n" + MarkdownTable(t.step_headings, t.steps);
  return out;
}

}  // namespace covalue::report
