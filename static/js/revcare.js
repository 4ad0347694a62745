// RevCare's page behaviour, kept out of the HTML so the Content-Security-Policy can forbid inline script.

// Form errors are read out first: the summary at the top of a form with errors takes the focus.
document.getElementById("error-summary")?.focus();

// <form data-confirm="Remove this car?">: asks before sending.
document.addEventListener("submit", function (event) {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// <select data-autosubmit>: choosing sends the form (a <noscript> button does it without JavaScript).
document.addEventListener("change", function (event) {
  if (event.target.matches && event.target.matches("select[data-autosubmit]")) event.target.form.submit();
});

// Forms sent through HTMX stay on screen when sending fails (a tablet losing its connection in the
// yard): say so where the form can show it, and keep every entry for another try.
(function () {
  const problems = {
    "htmx:sendError": "Not sent: no connection. Everything you entered is still here; try again when you are back online.",
    "htmx:responseError": "Not sent: the server had a problem. Everything you entered is still here; please try again.",
  };
  function box(event) {
    const form = event.detail.elt.closest("form");
    return form && form.querySelector("[data-send-problem]");
  }
  for (const [name, text] of Object.entries(problems)) {
    document.addEventListener(name, function (event) {
      const problem = box(event);
      if (problem) { problem.textContent = text; problem.hidden = false; problem.focus(); }
    });
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    const problem = box(event);
    if (problem) problem.hidden = true;
  });
})();

// A form sent through HTMX and refused comes back re-rendered with its errors, and a server cannot refill
// a file input: the photos chosen stay chosen (the tablet's camera shots are not lost to a typo), unless
// the photos themselves were refused.
(function () {
  let chosen = new Map();
  document.addEventListener("htmx:beforeSwap", function (event) {
    chosen = new Map();
    (event.detail.target?.querySelectorAll("input[type=file][id]") || []).forEach(function (input) {
      if (input.files.length) chosen.set(input.id, input.files);
    });
  });
  document.addEventListener("htmx:afterSwap", function () {
    for (const [id, files] of chosen) {
      const input = document.getElementById(id);
      if (input && input.type === "file" && !input.files.length && !input.classList.contains("is-invalid")) {
        input.files = files;
      }
    }
    chosen.clear();
  });
})();
