#include "http/json/spc_json.h"

namespace covalue::http {
namespace {

using json = nlohmann::ordered_json;

json Optional(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

}  // namespace

json SpcPointJson(const analytics::spc::ChartPoint& p, json x) {
  return {{"index", p.index},
          {"x", std::move(x)},
          {"part", p.part},
          {"baseline", p.baseline},
          {"include", p.include},
          {"y", Optional(p.y)},
          {"n", Optional(p.n)},
          {"cl", Optional(p.cl)},
          {"lcl", Optional(p.lcl)},
          {"ucl", Optional(p.ucl)},
          {"lcl_2sigma", Optional(p.lcl_2sigma)},
          {"ucl_2sigma", Optional(p.ucl_2sigma)},
          {"target", Optional(p.target)},
          {"sigma_signal", p.sigma_signal},
          {"runs_signal", p.runs_signal},
          {"signals", json(std::vector<std::string>(p.signals.begin(), p.signals.end()))},
          {"explanation", p.explanation}};
}

json SpcPartJson(const analytics::spc::ChartPart& p) {
  return {{"part", p.part},
          {"n_obs", p.n_obs},
          {"n_useful", p.n_useful},
          {"longest_run", p.longest_run},
          {"longest_run_max", p.longest_run_max},
          {"n_crossings", p.n_crossings},
          {"n_crossings_min", p.n_crossings_min},
          {"runs_signal", p.runs_signal}};
}

}  // namespace covalue::http
