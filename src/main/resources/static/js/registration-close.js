// LTI Dynamic Registration: tell the platform the registration is done so it closes the frame or window.
(function () {
  function close() {
    (window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
  }
  document.getElementById('close-registration').addEventListener('click', close);
  close();
})();
