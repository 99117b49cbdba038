// The workspace page: live word counts, autosave with conflict detection, and uploads with a progress bar.
(function () {
  'use strict';
  var form = document.querySelector('form[data-autosave]');
  if (!form) {
    return;
  }
  var status = form.querySelector('.autosave-status');
  var storageKey = 'proofwork:' + form.dataset.storageKey;

  function countWords(text) {
    var words = text.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu);
    return words ? words.length : 0;
  }

  var counter = form.querySelector('.word-count');
  function updateWords() {
    if (!counter) {
      return;
    }
    var total = 0;
    form.querySelectorAll('textarea[data-words]').forEach(function (area) { total += countWords(area.value); });
    var min = Number(counter.dataset.min), max = Number(counter.dataset.max);
    counter.textContent = counter.dataset.template.replace('{0}', total).replace('{1}', min).replace('{2}', max);
    counter.classList.toggle('out-of-range', total < min || total > max);
  }
  form.addEventListener('input', updateWords);
  updateWords();

  var timer = null;
  // Saves and uploads go one at a time, in the order asked: a save sent while an upload runs would carry a revision
  // the upload is about to make stale.
  var queue = Promise.resolve();
  function inTurn(task) {
    var done = queue.then(task);
    queue = done.catch(function () { /* the caller reports it */ });
    return done;
  }
  function save() {
    return inTurn(send);
  }
  function send() {
    var body = new FormData(form);
    // getAttribute, not form.action: the form's buttons are named "action" and shadow the property.
    return fetch(form.getAttribute('action'), { method: 'POST', body: body, headers: { 'Accept': 'application/json' }, redirect: 'manual' })
      .then(function (response) {
        if (response.status === 200) {
          return response.json().then(function (answer) {
            form.elements['revision'].value = answer.revision;
            learnKeys(answer.keys || {});
            status.textContent = form.dataset.savedText.replace('{0}', new Date().toLocaleTimeString());
            status.classList.remove('problem');
            localStorage.removeItem(storageKey);
          });
        }
        if (response.status === 409) {
          status.textContent = form.dataset.conflictText;
          status.classList.add('problem');
          return;
        }
        if (response.status === 503 || response.status === 502 || response.status === 504) {
          unavailable();
          return;
        }
        // Anything else (a redirect to sign in, 401, 403) means the session has ended.
        keepLocally();
        status.textContent = form.dataset.offlineText;
        status.classList.add('problem');
      })
      .catch(unavailable);
  }
  // A new item (the empty one the page shows in an empty group) has no key until it is stored: take the key the
  // server gave it, so the next save refers to that item instead of storing it once more. The server lists a
  // group's items in the order of the form's indices.
  function learnKeys(keys) {
    Object.keys(keys).forEach(function (group) {
      var pattern = new RegExp('^item\\.' + group + '\\.(\\d+)\\._key$');
      var inputs = Array.prototype.filter.call(form.elements, function (field) { return pattern.test(field.name); });
      inputs.sort(function (a, b) { return Number(pattern.exec(a.name)[1]) - Number(pattern.exec(b.name)[1]); });
      inputs.forEach(function (input, rank) {
        if (!input.value && keys[group][rank]) {
          input.value = keys[group][rank];
        }
      });
    });
  }
  // Proofwork (or its database) cannot be reached: keep the text here, say it was not saved, try again later.
  function unavailable() {
    keepLocally();
    status.textContent = form.dataset.unavailableText;
    status.classList.add('problem');
    clearTimeout(timer);
    timer = setTimeout(save, 30000);
  }
  function keepLocally() {
    var kept = {};
    new FormData(form).forEach(function (value, name) { if (typeof value === 'string') { kept[name] = value; } });
    localStorage.setItem(storageKey, JSON.stringify({ at: Date.now(), values: kept }));
  }
  form.addEventListener('input', function () {
    keepLocally();
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  });

  // Text kept in this browser when a save failed (session ended): offer it back.
  var kept = localStorage.getItem(storageKey);
  if (kept) {
    try {
      var values = JSON.parse(kept).values;
      Object.keys(values).forEach(function (name) {
        var field = form.elements[name];
        if (field && field.tagName === 'TEXTAREA' && !field.value && values[name]) {
          field.value = values[name];
        }
      });
      updateWords();
    } catch (ignored) { /* a damaged copy is dropped */ }
  }

  // Uploads: save the page's text first, then send each file with a progress bar, then show the page again.
  document.querySelectorAll('input[type=file][data-upload]').forEach(function (input) {
    input.addEventListener('change', function () {
      var uploadForm = document.getElementById(input.dataset.upload);
      var progress = document.getElementById(input.dataset.upload + '-progress');
      var note = document.getElementById(input.dataset.upload + '-status');
      var files = Array.prototype.slice.call(input.files);
      if (!files.length) {
        return;
      }
      clearTimeout(timer);
      inTurn(function () {
        return send().then(function () {
          var chain = Promise.resolve();
          files.forEach(function (file) {
            chain = chain.then(function () { return upload(uploadForm.getAttribute('action'), file, progress, note); });
          });
          return chain;
        });
      }).then(function () {
        // An autosave asked for while the files went up runs after them: let it finish before the page is shown again.
        return queue;
      }).then(function () {
        window.location.reload();
      }).catch(function (message) {
        note.textContent = message;
        note.classList.add('problem');
      });
    });
  });

  function upload(action, file, progress, note) {
    return new Promise(function (resolve, reject) {
      var request = new XMLHttpRequest();
      var url = action + (action.indexOf('?') < 0 ? '?' : '&') + 'name=' + encodeURIComponent(file.name);
      request.open('PUT', url);
      request.setRequestHeader('Accept', 'application/json');
      request.setRequestHeader('Content-Type', 'application/octet-stream');
      var csrf = form.elements['_csrf'];
      if (csrf) {
        request.setRequestHeader('X-CSRF-TOKEN', csrf.value);
      }
      progress.hidden = false;
      progress.value = 0;
      note.textContent = file.name;
      request.upload.onprogress = function (event) {
        if (event.lengthComputable) {
          progress.value = Math.round(100 * event.loaded / event.total);
        }
      };
      request.onload = function () {
        var answer = {};
        try { answer = JSON.parse(request.responseText); } catch (ignored) { /* not JSON */ }
        if (request.status === 200) {
          if (answer.revision !== undefined) {
            form.elements['revision'].value = answer.revision;
          }
          resolve();
        } else {
          // The upload's own refusal ({problem}), or the error page's problem JSON (a 503 while the database is down).
          reject(answer.problem || answer.detail || (file.name + ': ' + request.status));
        }
      };
      request.onerror = function () { reject(file.name + ': the upload was interrupted.'); };
      request.send(file);
    });
  }
})();
