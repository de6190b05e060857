import GLightbox from 'glightbox';
GLightbox({ selector: '.glightbox' });
