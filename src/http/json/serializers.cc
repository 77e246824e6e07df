#include "http/json/serializers.h"

namespace nlohmann {
namespace {

json OptionalId(const std::optional<covalue::Id>& id) { return id ? json(*id) : json(nullptr); }

}  // namespace

void adl_serializer<covalue::Site>::to_json(json& j, const covalue::Site& s) {
  j = {{"id", s.id}, {"name", s.name}, {"country", s.country}};
}

void adl_serializer<covalue::Population>::to_json(json& j, const covalue::Population& p) {
  j = {{"id", p.id},
       {"site_id", p.site_id},
       {"name", p.name},
       {"names", json::object_t(p.names.begin(), p.names.end())},
       {"description", p.description},
       {"descriptions", json::object_t(p.descriptions.begin(), p.descriptions.end())}};
}

void adl_serializer<covalue::Team>::to_json(json& j, const covalue::Team& t) {
  j = {{"id", t.id},
       {"site_id", t.site_id},
       {"population_id", t.population_id},
       {"name", t.name},
       {"names", json::object_t(t.names.begin(), t.names.end())}};
}

void adl_serializer<covalue::TeamMember>::to_json(json& j, const covalue::TeamMember& m) {
  j = {{"user_id", m.user_id},
       {"username", m.username},
       {"display_name", m.display_name},
       {"role", covalue::RoleName(m.role)}};
}

void adl_serializer<covalue::Membership>::to_json(json& j, const covalue::Membership& m) {
  j = {{"role", covalue::RoleName(m.role)},
       {"site_id", OptionalId(m.site_id)},
       {"team_id", OptionalId(m.team_id)}};
}

void adl_serializer<covalue::User>::to_json(json& j, const covalue::User& u) {
  j = {{"id", u.id},
       {"username", u.username},
       {"display_name", u.display_name},
       {"memberships", u.memberships},
       {"active", !u.deactivated_ms.has_value()}};
  if (u.deactivated_ms) {
    j["deactivated_ms"] = *u.deactivated_ms;
  }
}

void adl_serializer<covalue::LocalizedText>::to_json(json& j, const covalue::LocalizedText& t) {
  j = t.by_language;
}

void adl_serializer<covalue::GuideItem>::to_json(json& j, const covalue::GuideItem& i) {
  j = {{"link_id", i.link_id}, {"type", covalue::GuideItemTypeName(i.type)}, {"text", i.text}};
  if (!i.hint.Empty()) {
    j["hint"] = i.hint;
  }
  if (!i.introduction.Empty()) {
    j["introduction"] = i.introduction;
  }
  if (i.step) {
    j["step"] = *i.step;
  }
  if (!i.summarises.empty()) {
    j["summarises"] = i.summarises;
  }
  for (covalue::Artefact a : i.artefacts) {
    j["artefacts"].push_back(covalue::ArtefactName(a));
  }
  for (const covalue::GuideOption& o : i.options) {
    j["options"].push_back({{"code", o.code}, {"text", o.text}});
  }
  if (i.value_domain) {
    j["value_domain"] = covalue::ValueDomainName(*i.value_domain);
  }
  if (i.repeats) {
    j["repeats"] = true;
  }
  if (!i.items.empty()) {
    j["items"] = i.items;
  }
}

void adl_serializer<covalue::Guide>::to_json(json& j, const covalue::Guide& g) {
  j = {{"id", g.id},
       {"version", g.version},
       {"kind", covalue::GuideKindName(g.kind)},
       {"languages", g.Languages()},
       {"title", g.title},
       {"description", g.description},
       {"items", g.items}};
}

void adl_serializer<covalue::AuditRecord>::to_json(json& j, const covalue::AuditRecord& r) {
  j = {{"seq", r.seq},
       {"time_ms", r.time_ms},
       {"user_id", OptionalId(r.user_id)},
       {"role", r.role},
       {"action", r.action},
       {"resource_type", r.resource_type},
       {"resource_id", r.resource_id},
       {"person_id", OptionalId(r.person_id)},
       {"site_id", OptionalId(r.site_id)},
       {"outcome", covalue::AuditOutcomeName(r.outcome)},
       {"request_id", r.request_id},
       {"client_address", r.client_address},
       {"hash", r.hash}};
  if (!r.person_ids.empty()) {
    j["person_ids"] = r.person_ids;
  }
}

void adl_serializer<covalue::ApiToken>::to_json(json& j, const covalue::ApiToken& t) {
  j = {{"id", t.id},
       {"name", t.name},
       {"created_ms", t.created_ms},
       {"expires_ms", t.expires_ms},
       {"last_used_ms", t.last_used_ms ? json(*t.last_used_ms) : json(nullptr)}};
}

void adl_serializer<covalue::Alert>::to_json(json& j, const covalue::Alert& a) {
  j = {{"id", a.id},
       {"patient_id", a.patient_id},
       {"patient_identifier", a.patient_identifier},
       {"rule", a.rule},
       {"severity", covalue::AlertSeverityName(a.severity)},
       {"message", a.message},
       {"created_ms", a.created_ms},
       {"status", a.Open() ? "active" : "inactive"},
       {"response_id", a.response_id},
       {"questionnaire_id", a.questionnaire_id},
       {"acknowledged_ms", a.acknowledged_ms ? json(*a.acknowledged_ms) : json(nullptr)},
       {"acknowledged_by",
        a.acknowledged_by_name.empty() ? json(nullptr) : json(a.acknowledged_by_name)},
       {"note", a.Open() ? json(nullptr) : json(a.note)}};
}

}  // namespace nlohmann
