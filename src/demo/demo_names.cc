#include "demo/demo_names.h"

#include <array>
#include <span>

namespace covalue::demo {
namespace {

struct Names {
  std::span<const std::string_view> women;
  std::span<const std::string_view> men;
  std::span<const std::string_view> families;
};

constexpr std::array<std::string_view, 12> kSwedishWomen = {"Anna",   "Eva",      "Maria", "Karin",
                                                            "Sara",   "Kristina", "Lena",  "Emma",
                                                            "Ingrid", "Sofia",    "Elin",  "Maja"};
constexpr std::array<std::string_view, 12> kSwedishMen = {"Erik",  "Lars",   "Karl",    "Anders",
                                                          "Johan", "Per",    "Mikael",  "Nils",
                                                          "Oskar", "Gustav", "Fredrik", "Olof"};
constexpr std::array<std::string_view, 12> kSwedishFamilies = {
    "Andersson", "Johansson", "Karlsson",  "Nilsson",  "Eriksson", "Larsson",
    "Olsson",    "Persson",   "Lindqvist", "Svensson", "Berg",     "Lindholm"};
constexpr std::array<std::string_view, 12> kNorwegianWomen = {"Ingrid", "Kari", "Marit", "Solveig",
                                                              "Hanne",  "Nora", "Ida",   "Silje",
                                                              "Astrid", "Tone", "Guro",  "Liv"};
constexpr std::array<std::string_view, 12> kNorwegianMen = {"Ole",   "Jan",   "Per",    "Bjørn",
                                                            "Lars",  "Knut",  "Arne",   "Magnus",
                                                            "Håkon", "Eirik", "Sindre", "Trond"};
constexpr std::array<std::string_view, 12> kNorwegianFamilies = {
    "Hansen", "Johansen", "Olsen",  "Larsen", "Andersen", "Pedersen",
    "Nilsen", "Berg",     "Haugen", "Bakken", "Solberg",  "Dahl"};
constexpr std::array<std::string_view, 12> kEnglishWomen = {
    "Mary",  "Susan", "Margaret", "Sarah",  "Emily",    "Jennifer",
    "Linda", "Helen", "Grace",    "Olivia", "Patricia", "Ruth"};
constexpr std::array<std::string_view, 12> kEnglishMen = {
    "James",  "John",   "Robert", "David", "William", "Michael",
    "Thomas", "George", "Daniel", "Peter", "Richard", "Samuel"};
constexpr std::array<std::string_view, 12> kEnglishFamilies = {
    "Smith",   "Jones",  "Taylor", "Brown", "Williams", "Wilson",
    "Johnson", "Davies", "Miller", "Evans", "Walker",   "Clarke"};

Names NamesOf(std::string_view country) {
  if (country == "SE") {
    return {kSwedishWomen, kSwedishMen, kSwedishFamilies};
  }
  if (country == "NO") {
    return {kNorwegianWomen, kNorwegianMen, kNorwegianFamilies};
  }
  return {kEnglishWomen, kEnglishMen, kEnglishFamilies};
}

std::string Pick(Draw& draw, std::span<const std::string_view> names) {
  return std::string(names[static_cast<std::size_t>(
      draw.Between(0, static_cast<std::int64_t>(names.size()) - 1))]);
}

}  // namespace

std::pair<std::string, std::string> DemoName(Draw& draw, Sex sex, std::string_view country) {
  const Names names = NamesOf(country);
  std::string given = Pick(draw, sex == Sex::kMale ? names.men : names.women);
  return {std::move(given), Pick(draw, names.families)};
}

}  // namespace covalue::demo
