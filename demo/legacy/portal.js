/* The script of an old portal, as such scripts were written around 2012: it extends the built-in
   prototypes with enumerable properties, replaces the browser's Promise with a polyfill, and adds
   blocks to the page with jQuery once the DOM is ready. Served with demo/legacy.html. */
Object.prototype.x = 'yes';
Object.prototype.extend = function (source) {
  for (var key in source) this[key] = source[key];
  return this;
};
Array.prototype.x = 'yes';
Array.prototype.remove = function (item) {
  var i = this.indexOf(item);
  if (i >= 0) this.splice(i, 1);
  return this;
};
window.Promise = window.ES6Promise.Promise;

jQuery(function ($) {
  $('#lien-ket-website').append('<civic-link-directory site="htx-thainguyen" mode="select"></civic-link-directory>');
});
