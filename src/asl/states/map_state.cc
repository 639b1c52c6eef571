// Map: runs its item processor for each item of an array (Inline), or of a data set read by an
// ItemReader (Distributed).
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html

#include "asl/internal_states.h"

namespace stepwise::asl::internal {
namespace {

// Map run labels: at most 40 characters, none of whitespace, ? * < > { } [ ] : ; , \ | ^ ~ $ # % &
// ` " or control characters.
bool IsValidLabel(std::string_view label) {
  if (label.empty() || label.size() > 40) return false;
  for (char c : label) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || std::string_view("?*<>{}[]:;,\\|^~$#%&`\"").find(c) !=
                                      std::string_view::npos) {
      return false;
    }
  }
  return true;
}

void CompileProcessorConfig(Checker& checker, const json::Value& processor,
                            const std::string& location, MapFields* fields) {
  const json::Value* config = processor.Find("ProcessorConfig");
  if (config == nullptr) return;
  std::string at = location + "/ProcessorConfig";
  if (!config->is_object()) {
    checker.Fail("The value for the field 'ProcessorConfig' must be an OBJECT", at);
    return;
  }
  checker.CheckFields(*config, {"Mode", "ExecutionType"}, at);
  if (auto mode = checker.String(*config, "Mode", at)) {
    if (*mode == "DISTRIBUTED") {
      fields->distributed = true;
    } else if (*mode != "INLINE") {
      checker.Fail("The value for the field 'Mode' must be one of [INLINE, DISTRIBUTED]",
                   at + "/Mode");
    }
  }
  if (auto type = checker.String(*config, "ExecutionType", at)) {
    if (*type != "STANDARD" && *type != "EXPRESS") {
      checker.Fail("The value for the field 'ExecutionType' must be one of [STANDARD, EXPRESS]",
                   at + "/ExecutionType");
    }
    fields->execution_type = *type;
  }
  if (fields->distributed && !fields->execution_type) {
    checker.Fail("These fields are required: [ExecutionType]", at);
  }
}

void CompileItemReader(Checker& checker, const json::Value& reader, const std::string& location,
                       bool jsonata) {
  if (!reader.is_object()) {
    checker.Fail("The value for the field 'ItemReader' must be an OBJECT", location);
    return;
  }
  checker.CheckFields(reader, {"Resource", "ReaderConfig", jsonata ? "Arguments" : "Parameters"},
                      location);
  checker.Require(reader, {"Resource"}, location);
  checker.String(reader, "Resource", location);
  if (const json::Value* config = reader.Find("ReaderConfig")) {
    std::string at = location + "/ReaderConfig";
    if (!config->is_object()) {
      checker.Fail("The value for the field 'ReaderConfig' must be an OBJECT", at);
    } else {
      checker.Exclusive(*config, {"MaxItems", "MaxItemsPath"}, at);
      if (jsonata) checker.CheckJsonataValue(*config, at);
    }
  }
  if (const json::Value* parameters = reader.Find("Parameters"); parameters && !jsonata) {
    PayloadTemplate::Compile(*parameters, location + "/Parameters", &checker.diagnostics());
  }
  if (const json::Value* arguments = reader.Find("Arguments"); arguments && jsonata) {
    checker.CheckJsonataValue(*arguments, location + "/Arguments");
  }
}

std::optional<ItemBatcher> CompileItemBatcher(Checker& checker, const json::Value& batcher,
                                              const std::string& location, bool jsonata) {
  if (!batcher.is_object()) {
    checker.Fail("The value for the field 'ItemBatcher' must be an OBJECT", location);
    return std::nullopt;
  }
  static const std::set<std::string_view> kJsonPath = {
      "MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
      "MaxInputBytesPerBatchPath", "BatchInput"};
  static const std::set<std::string_view> kJsonata = {"MaxItemsPerBatch",
                                                      "MaxInputBytesPerBatch", "BatchInput"};
  checker.CheckFields(batcher, jsonata ? kJsonata : kJsonPath, location);
  ItemBatcher result;
  result.max_items_per_batch = CompileDynamicNumber(checker, batcher, location, "MaxItemsPerBatch",
                                                    jsonata, 1, 100000000);
  result.max_input_bytes_per_batch = CompileDynamicNumber(
      checker, batcher, location, "MaxInputBytesPerBatch", jsonata, 1, 262144);
  checker.Exclusive(batcher, {"MaxItemsPerBatch", "MaxItemsPerBatchPath"}, location);
  checker.Exclusive(batcher, {"MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"}, location);
  if (const json::Value* input = batcher.Find("BatchInput")) {
    if (jsonata) {
      result.jsonata_batch_input =
          checker.CompileJsonataValue(*input, location + "/BatchInput", "BatchInput");
    } else {
      result.batch_input =
          PayloadTemplate::Compile(*input, location + "/BatchInput", &checker.diagnostics());
    }
  }
  return result;
}

}  // namespace

void CompileMap(Checker& checker, const json::Value& definition, const std::string& location,
                State* state) {
  static const std::set<std::string_view> kShared = {
      "ItemSelector", "Iterator", "ItemProcessor", "MaxConcurrency", "ToleratedFailurePercentage",
      "ToleratedFailureCount", "ItemReader", "ItemBatcher", "ResultWriter", "Label", "Retry",
      "Catch", "Assign"};
  static const std::set<std::string_view> kJsonPath = FieldSet(
      {kTransitionFields, kShared,
       {"InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector", "ItemsPath",
        "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"}});
  static const std::set<std::string_view> kJsonata =
      FieldSet({kTransitionFields, kShared, {"Items", "Output", "Arguments"}});
  CheckStateFields(checker, definition, location, *state, kJsonPath, kJsonata);
  CompileTransition(checker, definition, location, state);
  bool jsonata = state->query_language == QueryLanguage::kJsonata;
  MapFields fields;
  if (jsonata) {
    CompileJsonataDataFlow(checker, definition, location, state);
    if (const json::Value* items = definition.Find("Items")) {
      if ((items->is_string() && Checker::IsJsonata(items->as_string())) || items->is_array()) {
        fields.jsonata_items = checker.CompileJsonataValue(*items, location + "/Items", "Items");
      } else {
        checker.Fail("The value for the field 'Items' must be an ARRAY or a JSONata expression",
                     location + "/Items");
      }
    }
    if (const json::Value* selector = definition.Find("ItemSelector")) {
      fields.jsonata_item_selector =
          checker.CompileJsonataValue(*selector, location + "/ItemSelector", "ItemSelector");
    }
  } else {
    CompileJsonPathDataFlow(checker, definition, location, state);
    // The older Parameters field of a Map is its ItemSelector.
    checker.Exclusive(definition, {"ItemSelector", "Parameters"}, location);
    if (state->parameters) {
      fields.item_selector = std::move(state->parameters);
      state->parameters.reset();
    }
    if (const json::Value* selector = definition.Find("ItemSelector")) {
      fields.item_selector = PayloadTemplate::Compile(*selector, location + "/ItemSelector",
                                                      &checker.diagnostics());
      if (fields.item_selector && fields.item_selector->ReadsContext()) {
        state->reads_context = true;
      }
    }
    if (const json::Value* items_path = definition.Find("ItemsPath")) {
      fields.items_path = checker.Path(*items_path, "ItemsPath", location + "/ItemsPath",
                                       Checker::PathRule::kReference, true, true);
    }
  }
  CompileRetry(checker, definition, location, state);
  CompileCatch(checker, definition, location, state);

  fields.max_concurrency = CompileDynamicNumber(checker, definition, location, "MaxConcurrency",
                                                jsonata, 0, 2147483647);
  fields.tolerated_failure_count = CompileDynamicNumber(
      checker, definition, location, "ToleratedFailureCount", jsonata, 0, 2147483647);
  checker.Exclusive(definition, {"MaxConcurrency", "MaxConcurrencyPath"}, location);
  checker.Exclusive(definition, {"ToleratedFailureCount", "ToleratedFailureCountPath"}, location);
  checker.Exclusive(definition, {"ToleratedFailurePercentage", "ToleratedFailurePercentagePath"},
                    location);
  if (const json::Value* percentage = definition.Find("ToleratedFailurePercentage")) {
    std::string at = location + "/ToleratedFailurePercentage";
    if (jsonata && percentage->is_string()) {
      fields.tolerated_failure_percentage.jsonata =
          checker.CompileJsonataExpression(percentage->as_string(), at);
    } else if (auto n = checker.Number(definition, "ToleratedFailurePercentage", location, 0,
                                       100)) {
      fields.tolerated_failure_percentage.value = *n;
    }
  }
  if (const json::Value* path = definition.Find("ToleratedFailurePercentagePath"); path && !jsonata) {
    fields.tolerated_failure_percentage.path =
        checker.Path(*path, "ToleratedFailurePercentagePath",
                     location + "/ToleratedFailurePercentagePath", Checker::PathRule::kReference,
                     true, true);
  }

  if (const json::Value* batcher = definition.Find("ItemBatcher")) {
    fields.item_batcher = CompileItemBatcher(checker, *batcher, location + "/ItemBatcher", jsonata);
  }
  if (const json::Value* reader = definition.Find("ItemReader")) {
    CompileItemReader(checker, *reader, location + "/ItemReader", jsonata);
    fields.item_reader = *reader;
  }
  if (const json::Value* writer = definition.Find("ResultWriter")) {
    if (!writer->is_object()) {
      checker.Fail("The value for the field 'ResultWriter' must be an OBJECT",
                   location + "/ResultWriter");
    } else if (jsonata) {
      checker.CheckJsonataValue(*writer, location + "/ResultWriter");
    }
    fields.result_writer = *writer;
  }
  if (auto label = checker.String(definition, "Label", location)) {
    if (!IsValidLabel(*label)) {
      checker.Fail(kInvalidLabelName,
                   "A Map label has at most 40 characters and no whitespace or special characters",
                   location + "/Label");
    }
    fields.label = std::move(*label);
  }

  const json::Value* processor = definition.Find("ItemProcessor");
  std::string processor_field = "ItemProcessor";
  if (processor == nullptr) {
    processor = definition.Find("Iterator");
    processor_field = "Iterator";
  }
  checker.Exclusive(definition, {"ItemProcessor", "Iterator"}, location);
  if (processor == nullptr) {
    checker.Fail("These fields are required: [ItemProcessor]", location);
  } else {
    std::string at = location + "/" + processor_field;
    if (processor->is_object()) CompileProcessorConfig(checker, *processor, at, &fields);
    // The older Iterator accepts a ProcessorConfig too (AWS runs such definitions).
    bool saved = checker.jsonpath_states_allowed;
    if (fields.distributed) checker.jsonpath_states_allowed = true;
    fields.processor = CompileMachine(checker, *processor, at, MachineKind::kItemProcessor);
    checker.jsonpath_states_allowed = saved;
  }
  state->fields = std::move(fields);
}

}  // namespace stepwise::asl::internal
