import '@shoelace-style/shoelace/dist/components/rating/rating.js';
