/* Hearth: show a question only when it applies.

   An element with data-show-if holds, as JSON, the condition under which its question applies:
   {"field": "income-earned", "op": "in" | "not in" | "not null", "values": [1]},
   {"all": [...]}, {"any": [...]} or {"not": {...}}; field names are input names, within the
   prefix of the closest [data-prefix] (one member's part of a household form).  A question that
   does not apply is hidden and its inputs disabled, so they are neither reachable nor sent; the
   server applies the same rules whether or not this script runs. */
(function () {
  "use strict";

  function valueOf(scope, name) {
    var inputs = scope.querySelectorAll('[name="' + name.replace(/"/g, '\\"') + '"]');
    for (var i = 0; i < inputs.length; i += 1) {
      var input = inputs[i];
      if (input.disabled) { continue; }
      if (input.type === "radio") {
        if (input.checked) { return input.value; }
        continue;
      }
      if (input.type === "checkbox") { return input.checked ? "1" : "0"; }
      return input.value;
    }
    return "";
  }

  function holds(scope, prefix, condition) {
    if (condition.all) { return condition.all.every(function (part) { return holds(scope, prefix, part); }); }
    if (condition.any) { return condition.any.some(function (part) { return holds(scope, prefix, part); }); }
    if (condition.not) { return !holds(scope, prefix, condition.not); }
    var value = valueOf(scope, prefix + condition.field);
    if (condition.op === "not null") { return value !== ""; }
    if (value === "") { return false; }
    var found = condition.values.indexOf(Number(value)) !== -1;
    return condition.op === "in" ? found : !found;
  }

  function update(form) {
    var blocks = form.querySelectorAll("[data-show-if]");
    // A question hidden in one pass hides the questions that depend on it in the next.
    for (var pass = 0; pass < 5; pass += 1) {
      var changed = false;
      for (var i = 0; i < blocks.length; i += 1) {
        var block = blocks[i];
        if (!block.dataset.showIf) { continue; }
        var scope = block.closest("[data-prefix]") || form;
        var prefix = scope.dataset.prefix || "";
        var show = holds(scope, prefix, JSON.parse(block.dataset.showIf));
        if (block.hidden === show) {
          block.hidden = !show;
          changed = true;
          var inputs = block.querySelectorAll("input, select, textarea");
          for (var j = 0; j < inputs.length; j += 1) { inputs[j].disabled = !show; }
        }
      }
      if (!changed) { break; }
    }
  }

  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-conditions]");
    if (form) { update(form); }
  });
  document.querySelectorAll("form[data-conditions]").forEach(update);
}());
