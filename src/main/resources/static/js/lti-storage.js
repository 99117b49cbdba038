// LTI Platform Storage (lti.put_data / lti.get_data over postMessage): keeps the login's browser binding with the
// platform when the browser drops the tool's cookie inside the LMS frame.
(function () {
  var config = document.getElementById('lti-storage');
  if (!config) {
    return;
  }
  var data = config.dataset;
  var target = data.storageTarget === '_parent' ? window.parent : (window.parent.frames[data.storageTarget] || window.parent);
  var messageId = 'proofwork-' + Math.random().toString(36).slice(2);
  var timer = setTimeout(function () {
    document.getElementById('lti-storage-failed').hidden = false;
  }, 5000);

  window.addEventListener('message', function (event) {
    var message = event.data || {};
    if (event.origin !== data.platformOrigin || message.message_id !== messageId) {
      return;
    }
    clearTimeout(timer);
    if (message.error) {
      document.getElementById('lti-storage-failed').hidden = false;
      return;
    }
    if (message.subject === 'lti.put_data.response') {
      window.location.href = data.authorizationUrl;
    } else if (message.subject === 'lti.get_data.response') {
      var form = document.getElementById('lti-storage-form');
      form.elements['lti_storage_binding'].value = message.value;
      form.submit();
    }
  });

  var request = { subject: data.mode === 'put' ? 'lti.put_data' : 'lti.get_data', message_id: messageId, key: data.storageKey };
  if (data.mode === 'put') {
    request.value = data.storageValue;
  }
  target.postMessage(request, data.platformOrigin);
})();
