/// The stylesheet and the script the pages load from `/static/` (no inline code, so the CSP can forbid it).
enum Assets {
    /// High-contrast, readable, with visible keyboard focus.
    static let stylesheet = """
        :root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --accent: #0b4f9c; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, sans-serif; color: var(--ink); background: #fff; margin: 0; line-height: 1.5; }
        header, main, footer { max-width: 48rem; margin: 0 auto; padding: 0 1rem; }
        header .brand a { color: var(--accent); font-weight: bold; text-decoration: none; }
        footer { color: var(--muted); font-size: 0.9rem; margin-top: 3rem; }
        a { color: var(--accent); }
        a:focus, button:focus, input:focus, textarea:focus { outline: 3px solid #f5b400; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.5rem; }
        label { display: block; font-weight: 600; margin: 1rem 0 0.25rem; }
        input[type=email], textarea { width: 100%; font: inherit; padding: 0.5rem; border: 2px solid #555; border-radius: 4px; }
        textarea { font-family: ui-monospace, monospace; font-size: 0.9rem; }
        button { margin-top: 1rem; font: inherit; font-weight: 600; padding: 0.6rem 1.2rem; color: #fff;
                 background: var(--accent); border: 0; border-radius: 4px; cursor: pointer; }
        .drop { border: 2px dashed #555; border-radius: 6px; padding: 0.5rem 1rem 1rem; }
        .drop.over { border-color: var(--accent); background: #eef4fb; }
        .hint { color: var(--muted); margin: 0.25rem 0 0; }
        .verdict { border-left: 8px solid; padding: 0.5rem 1rem; margin: 1rem 0; }
        .verdict h1 { margin: 0.25rem 0; font-size: 1.5rem; }
        .verdict.valid { border-color: #146c2e; background: #e8f5ec; }
        .verdict.invalid, .verdict.error { border-color: #a4161a; background: #fbeaea; }
        .verdict.indeterminate { border-color: #8a5a00; background: #fff5e0; }
        .badge-image { max-width: 160px; max-height: 160px; float: right; margin: 0 0 1rem 1rem; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
        dt { font-weight: 600; }
        dd { margin: 0; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
        th, td { border: 1px solid #888; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
        .checks li { overflow-wrap: anywhere; }
        .checks li.fail strong { color: #a4161a; }
        .checks li.pass strong { color: #146c2e; }
        .checks li.warning strong { color: #7a4f00; }
        .check-id { font-family: ui-monospace, monospace; color: var(--muted); }
        header nav ul { list-style: none; padding: 0; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
        header nav form.inline, form.inline { display: inline; }
        button.link { background: none; color: var(--accent); padding: 0; margin: 0; font-weight: normal;
                      text-decoration: underline; }
        button.secondary { background: #fff; color: var(--accent); border: 2px solid var(--accent); }
        a.button { display: inline-block; font-weight: 600; padding: 0.6rem 1.2rem; color: #fff; background: var(--accent);
                   border-radius: 4px; text-decoration: none; }
        input[type=text], input[type=number], input[type=date], select { width: 100%; font: inherit; padding: 0.5rem;
                      border: 2px solid #555; border-radius: 4px; }
        body.web textarea { font-family: inherit; font-size: 1rem; }
        input:focus, select:focus, textarea:focus { outline: 3px solid #f5b400; outline-offset: 2px; }
        label.inline { display: inline; font-weight: normal; margin: 0; }
        .choice { margin: 0.4rem 0; }
        fieldset { border: 1px solid #888; border-radius: 6px; margin: 1rem 0; padding: 0.5rem 1rem 1rem; min-width: 0; }
        legend { font-weight: 700; padding: 0 0.25rem; }
        .notice { border-left: 6px solid #146c2e; background: #e8f5ec; padding: 0.5rem 1rem; }
        .error { border-left: 6px solid #a4161a; background: #fbeaea; padding: 0.5rem 1rem; }
        .table-wrap { overflow-x: auto; }
        .rubric ol.levels { margin: 0; padding-left: 1.2rem; }
        .rubric li.required { font-weight: 600; }
        blockquote { margin: 0.25rem 0 0.5rem 1rem; padding-left: 0.75rem; border-left: 3px solid #888; overflow-wrap: anywhere; }
        .beside { display: grid; grid-template-columns: 1fr; gap: 1.5rem; }
        @media (min-width: 60rem) { body.web main, body.web header, body.web footer { max-width: 72rem; } .beside { grid-template-columns: 1fr 1fr; } }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        .state strong { font-size: 1.1rem; }
        figure.qr { margin: 1rem 0; }
        figure.qr svg { width: 12rem; height: 12rem; display: block; }
        @media (max-width: 40rem) {
          table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
          table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
          table.stack tr { border: 1px solid #888; border-radius: 6px; margin: 0 0 0.75rem; padding: 0.25rem 0.5rem; }
          table.stack td { border: 0; padding: 0.15rem 0; }
          table.stack td::before { content: attr(data-label) ": "; font-weight: 600; }
        }

        """

    /// Progressive enhancement: drag and drop onto the file field, and an answer without leaving the page
    /// (fetch to /api/verify). Everything it shows is set with textContent, never as HTML.
    static let script = """
        'use strict';
        (function () {
          var form = document.getElementById('verify-form');
          if (!form || !window.fetch || !window.FormData) { return; }
          form.classList.add('enhanced');
          var zone = document.getElementById('drop-zone');
          var input = document.getElementById('file');
          var result = document.getElementById('result');
          ['dragenter', 'dragover'].forEach(function (type) {
            zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add('over'); });
          });
          ['dragleave', 'drop'].forEach(function (type) {
            zone.addEventListener(type, function () { zone.classList.remove('over'); });
          });
          zone.addEventListener('drop', function (event) {
            event.preventDefault();
            if (event.dataTransfer && event.dataTransfer.files.length > 0) {
              input.files = event.dataTransfer.files;
              document.getElementById('drop-hint').textContent = 'Selected: ' + input.files[0].name;
            }
          });
          function add(parent, tag, text, className) {
            var element = document.createElement(tag);
            if (text !== undefined) { element.textContent = text; }
            if (className) { element.className = className; }
            parent.appendChild(element);
            return element;
          }
          var titles = {
            valid: 'Valid: this badge is genuine and in good standing.',
            invalid: 'Not valid: do not trust this badge.',
            indeterminate: 'Cannot tell whether this badge is valid.'
          };
          function show(report) {
            result.textContent = '';
            var box = add(result, 'section', undefined, 'verdict ' + report.verdict);
            var trusted = report.issuer && report.issuer.identity === 'trusted';
            var failed = (report.checks || []).filter(function (check) { return check.outcome === 'fail'; })
              .map(function (check) { return check.id; });
            var notForged = failed.length > 0 && failed.every(function (id) {
              return id === 'valid_until' || id === 'valid_from' || id === 'recipient';
            });
            add(box, 'h2', report.verdict === 'valid' && !trusted
              ? 'Valid: the badge is intact and in good standing. Check who the issuer is.'
              : (report.noBadge ? 'No badge found in this file.'
                : (report.verdict === 'invalid' && notForged
                  ? 'Not valid: this badge is expired, not yet valid, or awarded to someone else.'
                  : (titles[report.verdict] || report.verdict))));
            var why = (report.checks || []).filter(function (check) {
              return report.verdict === 'invalid' ? check.outcome === 'fail' : check.indeterminate;
            }).map(function (check) { return check.message; }).join(' ');
            if (report.verdict === 'valid' && report.headline) {
              why = report.headline.charAt(0).toUpperCase() + report.headline.slice(1);
            }
            add(box, 'p', why || 'Every check passed.');
            var badge = report.credential;
            if (badge) {
              var details = add(result, 'section', undefined, 'badge');
              add(details, 'h2', badge.name || badge.achievementName
                || (report.openBadges ? 'An Open Badges 2.0 badge (its BadgeClass could not be read)' : 'Unnamed badge'));
              var list = add(details, 'dl');
              [['Issued by', badge.issuerName || badge.issuerId], ['Issued on', badge.validFrom],
               ['Expires', badge.validUntil || 'Does not expire'], ['Awarded to', badge.recipient],
               ['Criteria', badge.criteria]].forEach(function (row) {
                if (row[1]) { add(list, 'dt', row[0]); add(list, 'dd', row[1]); }
              });
              (badge.results || []).forEach(function (line) {
                add(list, 'dt', line.criterion); add(list, 'dd', line.achieved);
              });
            }
            var checks = add(result, 'ul', undefined, 'checks');
            (report.checks || []).forEach(function (check) {
              add(checks, 'li', check.outcome + ' · ' + check.id + ': ' + check.message, check.outcome);
            });
          }
          form.addEventListener('submit', function (event) {
            event.preventDefault();
            result.textContent = 'Checking…';
            var body = new FormData(form);
            var email = document.getElementById('email').value;
            var url = '/api/verify' + (email ? '?recipient-email=' + encodeURIComponent(email) : '');
            fetch(url, { method: 'POST', body: body }).then(function (response) {
              return response.json().then(function (json) { return { ok: response.ok, json: json }; });
            }).then(function (answer) {
              if (answer.ok) { show(answer.json); } else {
                result.textContent = '';
                var box = add(result, 'section', undefined, 'verdict error');
                add(box, 'h2', 'This could not be checked');
                add(box, 'p', answer.json.reason || 'The server could not read this upload.');
              }
            }).catch(function () { form.submit(); });
          });
        })();

        """
}
