// Submits the form marked data-autosubmit as soon as the page loads (LTI messages carried by the browser).
document.addEventListener('DOMContentLoaded', function () {
  var form = document.querySelector('form[data-autosubmit]');
  if (form) {
    form.submit();
  }
});
