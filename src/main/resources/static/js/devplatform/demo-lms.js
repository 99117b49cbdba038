// The demo LMS's few behaviours, kept out of the pages so they work under a strict Content-Security-Policy:
// launch forms that post themselves, the Dynamic Registration frame, and leaving a finished Deep Linking frame.
(function () {
  'use strict';

  // Every LTI platform's launch is a form the browser posts on its own: the login initiation and the id_token.
  function submitLaunchForms() {
    document.querySelectorAll('form[data-autosubmit]').forEach(function (form) {
      form.submit();
    });
  }

  // After Deep Linking the frame holds the return page; the course page around it has to show the new activity.
  function leaveFrameWhenDone() {
    var location = document.body.getAttribute('data-top-location');
    if (location) {
      window.top.location.href = location;
    }
  }

  // Dynamic Registration: open the tool's registration page in a frame and reload once it says it is done.
  function registration() {
    var start = document.querySelector('[data-registration-start]');
    if (!start) {
      return;
    }
    var holder = document.getElementById('registration-frame-holder');
    var status = document.getElementById('registration-status');
    var toolOrigin = start.getAttribute('data-tool-origin');
    start.addEventListener('click', function () {
      start.disabled = true;
      status.textContent = status.getAttribute('data-registering');
      holder.hidden = false;
      holder.querySelector('iframe').src = start.getAttribute('data-registration-url');
    });
    window.addEventListener('message', function (event) {
      if (event.origin !== toolOrigin || !event.data || event.data.subject !== 'org.imsglobal.lti.close') {
        return;
      }
      status.textContent = status.getAttribute('data-registered');
      window.location.reload();
    });
  }

  submitLaunchForms();
  leaveFrameWhenDone();
  registration();
})();
