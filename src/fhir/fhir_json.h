#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/translations.h"
#include "http/message.h"

namespace covalue::fhir {

// A response of the FHIR API: status and body as application/fhir+json, whole numbers written
// as integers.
http::Response FhirJson(int status, nlohmann::json body);

// The absolute base of this server's FHIR API, from the request's Host.
std::string BaseUrl(const http::Request& request);

// An instant as a FHIR instant/dateTime in UTC ("2026-11-22T21:40:54Z").
std::string Instant(std::int64_t ms);

// A text's translations as the element written beside it ("_title" beside "title"): one
// translation extension (https://hl7.org/fhir/R4/languages.html#translation) per language, in
// tag order; null when there are none, so the caller leaves the element out.
nlohmann::json TranslationElement(const Translations& translations);
// The translations an element beside a text carries (its "_text", say), by language tag: the
// translation extensions whose lang is a language tag and whose content is a string; anything
// else in it is left alone.
Translations TranslationsOf(const nlohmann::json& element);

}  // namespace covalue::fhir
