// The demo's photo albums ("Thư viện ảnh"). The pictures are drawings made for the demo
// (demo/img/anh/*.svg, plus the article's own figure), served by the worker beside the widgets:
// D1 holds them as paths on the widget server ("/img/anh/…"), which the API answers as absolute
// URLs on its own origin, so the demo works on whatever host and port it is served.
import { sqlText } from '../scripts/wrangler.mjs';

const CREDIT = 'Hình vẽ minh họa của trang trình diễn';

/** [site, album slug, title, description, published (ISO), photos: [file, width, height, alt, caption, taken (ISO)]] */
export const demoAlbums = [
  [
    'htx-thainguyen',
    'hoat-dong-lien-minh',
    'Hoạt động của Liên minh HTX tỉnh',
    'Hội nghị, tập huấn và khen thưởng của Liên minh Hợp tác xã tỉnh Thái Nguyên.',
    '2018-04-19T15:00:00+07:00',
    [
      [
        'hoi-truong.svg',
        1200,
        800,
        'Hình vẽ: hội trường phông đỏ, đoàn chủ tịch ngồi trên sân khấu, các đại biểu ngồi nghe phía dưới.',
        'Quang cảnh hội nghị Ban Chỉ đạo đổi mới, phát triển kinh tế tập thể, HTX tỉnh',
        '2018-04-19T08:00:00+07:00',
      ],
      [
        '../hoi-nghi-bcd.svg',
        800,
        450,
        'Hình vẽ: một đại biểu phát biểu tại bục, phía sau là phông đỏ của hội nghị Ban Chỉ đạo, phía trước là các đại biểu ngồi nghe.',
        'Đồng chí Lê Huy Nhỡn, Chủ tịch Liên minh HTX tỉnh phát biểu tại cuộc họp',
        '2018-04-19T09:00:00+07:00',
      ],
      [
        'trao-giay-khen.svg',
        1200,
        800,
        'Hình vẽ: năm người đứng trên sân khấu trước phông đỏ, mỗi người cầm một tấm giấy khen.',
        'Trao giấy khen cho các hợp tác xã điển hình tiên tiến',
        '2018-04-19T10:30:00+07:00',
      ],
      [
        'tap-huan.svg',
        1200,
        800,
        'Hình vẽ: giảng viên đứng cạnh tấm bảng, các học viên ngồi nghe.',
        'Lớp tập huấn cán bộ quản lý hợp tác xã',
        '2018-03-22T14:00:00+07:00',
      ],
    ],
  ],
  [
    'htx-thainguyen',
    'vung-che-tan-cuong',
    'Vùng chè Tân Cương',
    'Từ đồi chè đến chén chè: một ngày ở vùng chè đặc sản của Thái Nguyên.',
    '2018-03-30T09:00:00+07:00',
    [
      [
        'doi-che-sang-som.svg',
        1200,
        800,
        'Hình vẽ: những đồi chè xanh xếp thành hàng dưới nắng sớm, xa xa là núi mờ sương.',
        'Đồi chè Tân Cương buổi sớm',
        '2018-03-28T06:00:00+07:00',
      ],
      [
        'hai-che.svg',
        800,
        1000,
        'Hình vẽ: hai người đội nón lá hái chè giữa các hàng chè trên đồi, một chiếc gùi đặt bên cạnh.',
        'Thu hái chè vụ xuân',
        '2018-03-28T07:30:00+07:00',
      ],
      [
        'sao-che.svg',
        1200,
        800,
        'Hình vẽ: chảo gang lớn đầy chè xanh đặt trên bếp lửa, người thợ đứng phía sau.',
        'Sao chè thủ công bằng chảo gang',
        '2018-03-28T10:00:00+07:00',
      ],
      [
        'chen-che.svg',
        1200,
        800,
        'Hình vẽ: chén chè xanh trên đĩa trắng, bên cạnh là mấy búp chè tươi.',
        'Chè Tân Cương: nước xanh, vị chát dịu, hậu ngọt',
        '2018-03-28T15:00:00+07:00',
      ],
    ],
  ],
  [
    'htx-thainguyen',
    'hoi-cho-nong-san',
    'Hội chợ nông sản',
    'Các hợp tác xã giới thiệu sản phẩm tại hội chợ nông sản tỉnh.',
    '2018-01-12T08:00:00+07:00',
    [
      [
        'gian-hang-htx.svg',
        1200,
        800,
        'Hình vẽ: hai gian hàng có mái bạt sọc, trên quầy bày chè và gạo.',
        'Gian hàng của các hợp tác xã tại hội chợ',
        '2018-01-10T09:00:00+07:00',
      ],
      [
        'gao-bao-thai.svg',
        1200,
        800,
        'Hình vẽ: bốn bao gạo bày trên quầy gỗ, phía trước rải những hạt gạo trắng.',
        'Gạo bao thai Định Hóa',
        '2018-01-10T10:00:00+07:00',
      ],
      [
        'khach-tham-quan.svg',
        1200,
        800,
        'Hình vẽ: khách tham quan, vài người đội nón lá, đi giữa ba dãy gian hàng.',
        'Khách tham quan hội chợ',
        '2018-01-11T16:00:00+07:00',
      ],
    ],
  ],
  [
    'htx-thainguyen',
    'canh-dong-mau-lon',
    'Cánh đồng mẫu lớn',
    'Liên kết sản xuất lúa hàng hóa theo mô hình cánh đồng mẫu lớn.',
    '2017-10-05T08:00:00+07:00',
    [
      [
        'lua-chin.svg',
        1200,
        800,
        'Hình vẽ: cánh đồng lúa chín vàng trải dài, một chiếc nón lá trên bờ ruộng.',
        'Cánh đồng lúa chín',
        '2017-10-02T08:00:00+07:00',
      ],
      [
        'may-gat.svg',
        1200,
        800,
        'Hình vẽ: máy gặt đập liên hợp màu đỏ đang làm việc trên cánh đồng lúa.',
        'Cơ giới hóa khâu thu hoạch',
        '2017-10-03T09:00:00+07:00',
      ],
    ],
  ],
  [
    'daitu',
    'doi-che-la-bang',
    'Đồi chè La Bằng',
    'Vùng chè dưới chân dãy Tam Đảo của huyện Đại Từ.',
    '2018-04-02T08:00:00+07:00',
    [
      ['doi-che-la-bang.svg', 1200, 800, 'Hình vẽ: đồi chè xanh dưới chân dãy núi Tam Đảo.', 'Đồi chè La Bằng', '2018-04-01T07:00:00+07:00'],
      [
        'cho-phien.svg',
        1200,
        800,
        'Hình vẽ: một gian hàng mái bạt xanh bày rau, gạo và chè trong phiên chợ.',
        'Phiên chợ nông sản',
        '2018-04-01T09:00:00+07:00',
      ],
      [
        'hai-che.svg',
        800,
        1000,
        'Hình vẽ: hai người đội nón lá hái chè giữa các hàng chè trên đồi, một chiếc gùi đặt bên cạnh.',
        'Hái chè trên đồi La Bằng',
        '2018-04-01T08:00:00+07:00',
      ],
    ],
  ],
];

const unix = (iso) => `${Math.floor(Date.parse(iso) / 1000)}`;

/** SQL for the demo albums, in the order above (weights 0, 1, …); each finds its site by slug. */
export function albumsSql() {
  return demoAlbums
    .flatMap(([site, slug, title, description, published, photos], weight) => [
      `INSERT INTO albums (site_id, slug, title, description, published_at, weight) SELECT id, ${[slug, title, description].map(sqlText).join(', ')}, ${unix(published)}, ${weight} FROM sites WHERE slug = ${sqlText(site)};`,
      ...photos.map(
        ([file, width, height, alt, caption, taken], i) =>
          `INSERT INTO photos (site_id, album_id, src, width, height, alt, caption, credit, taken_at, weight) SELECT a.site_id, a.id, ${sqlText(new URL(file, 'http://x/img/anh/').pathname)}, ${width}, ${height}, ${[alt, caption, CREDIT].map(sqlText).join(', ')}, ${unix(taken)}, ${i} FROM albums a JOIN sites s ON s.id = a.site_id WHERE s.slug = ${sqlText(site)} AND a.slug = ${sqlText(slug)};`,
      ),
    ])
    .join('\n');
}
