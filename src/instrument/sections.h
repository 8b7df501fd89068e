// Private to src/instrument: readers for each section of a definition. Each fills its part of
// the Instrument and records problems; none throws for a mistake in the YAML.
#pragma once

#include <yaml-cpp/yaml.h>

#include "attune/instrument/instrument.h"
#include "yaml_fields.h"

namespace attune::sections {

// `citation:` as a mapping or a free-text string.
Citation read_citation(yaml_fields::Reader& reader, const YAML::Node& node);
// `response:` min, max, integer, labels, missing.
void read_response(yaml_fields::Reader& reader, const YAML::Node& node, ResponseScale& scale);
// `domains:` relationship domains (names, labels, global: mean); read before the items.
void read_domains(yaml_fields::Reader& reader, const YAML::Node& node, Instrument& instrument);
// `items:` as count + column pattern, or as an explicit list; once per domain when there are
// domains (the pattern then holds {domain}).
void read_items(yaml_fields::Reader& reader, const YAML::Node& node, Instrument& instrument);
// With domains: each scale becomes "<domain>_<scale>" per domain, and "<scale>" the mean of
// a respondent's domain scores.
void expand_domains(Instrument& instrument);
// `scales:` keyed item lists; needs the items read first.
void read_scales(yaml_fields::Reader& reader, const YAML::Node& node, Instrument& instrument);
// `computed:` linear combinations; needs the scales read first.
void read_computed(yaml_fields::Reader& reader, const YAML::Node& node, Instrument& instrument);
// `classification:` dimensions or prototypes, default method and methods.
void read_classification(yaml_fields::Reader& reader, const YAML::Node& node, Instrument& instrument);

// `attention_checks:` instructed-response columns and their accepted answers.
void read_attention_checks(yaml_fields::Reader& reader, const YAML::Node& node, Instrument& instrument);

}  // namespace attune::sections
