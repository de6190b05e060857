// The demo's sites: the seed page's (a NukeViet page of the Thái Nguyên Cooperative Alliance), a
// district portal that reuses its widgets with its own theme, and a second district whose news
// comes from its feed.
// The worker always accepts its own origin, so the demo works on whatever port it is served.
export const demoSites = [
  {
    slug: 'htx-thainguyen',
    name: 'Liên minh HTX tỉnh Thái Nguyên',
    origins: ['https://htx.example.gov.vn', 'http://localhost:8787', 'http://127.0.0.1:8787'],
    timeZone: 'Asia/Ho_Chi_Minh',
    language: 'vi',
  },
  {
    slug: 'daitu',
    name: 'Cổng thông tin điện tử huyện Đại Từ',
    origins: ['https://daitu.example.gov.vn', 'http://localhost:8787', 'http://127.0.0.1:8787'],
    timeZone: 'Asia/Ho_Chi_Minh',
    language: 'vi',
  },
  {
    // a second district, whose news reaches the demo through its (NukeViet-style) RSS feed
    slug: 'phuluong',
    name: 'Cổng thông tin điện tử huyện Phú Lương',
    origins: ['https://phuluong.example.gov.vn', 'http://localhost:8787', 'http://127.0.0.1:8787'],
    timeZone: 'Asia/Ho_Chi_Minh',
    language: 'vi',
  },
];
