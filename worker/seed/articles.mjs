// The demo's news: the seed page's article (Liên minh HTX tỉnh Thái Nguyên, 19/04/2018) and a few
// demo items written for the demo sites — marked as such in their `source`, and on the pages.
// (huyện Phú Lương's news is not here: it is imported from demo/feeds/phuluong.rss at start, see
// demo-feeds.mjs.) Images are paths on the widget server, which the API answers as absolute URLs.
import { sqlText } from '../scripts/wrangler.mjs';

const DEMO = 'Tin minh họa của trang trình diễn civic-widgets';

const categories = {
  'htx-thainguyen': [
    ['tin-tuc', 'Tin tức', null, 1],
    ['hoat-dong-lien-minh', 'Hoạt động Liên minh', 'tin-tuc', 1],
    ['kinh-te-tap-the', 'Kinh tế tập thể', 'tin-tuc', 2],
    ['thong-bao', 'Thông báo', null, 2],
  ],
  daitu: [
    ['tin-tuc', 'Tin tức', null, 1],
    ['kinh-te', 'Kinh tế', 'tin-tuc', 1],
    ['van-hoa-xa-hoi', 'Văn hóa - Xã hội', 'tin-tuc', 2],
  ],
  phuluong: [['tin-tuc', 'Tin tức', null, 1]],
};

const htx = 'https://htx.example.gov.vn/tin-tuc';
const daitu = 'https://daitu.example.gov.vn/tin-tuc';

const articles = {
  'htx-thainguyen': [
    {
      key: 'news-1234',
      title: 'Vai trò của Liên minh HTX tỉnh trong phát triển kinh tế tập thể',
      summary:
        'Những năm qua, được sự quan tâm lãnh đạo, chỉ đạo, tạo điều kiện của cấp ủy, chính quyền các cấp; sự phối hợp của các ban, ngành, đoàn thể; Liên minh HTX tỉnh Thái Nguyên đã có nhiều đổi mới về tổ chức và hoạt động.',
      url: `${htx}/vai-tro-cua-lien-minh-htx-tinh-trong-phat-trien-kinh-te-tap-the-1234.html`,
      image: [
        '/img/hoi-nghi-bcd.svg',
        'Đồng chí Lê Huy Nhỡn, Chủ tịch Liên minh HTX tỉnh phát biểu tại cuộc họp BCĐ đổi mới, phát triển kinh tế tập thể, HTX tỉnh',
        800,
        450,
      ],
      author: 'Lê Huy Nhỡn',
      poster: 'Nguyễn Văn Dũng',
      source: 'Liên minh HTX tỉnh Thái Nguyên',
      category: 'hoat-dong-lien-minh',
      published: '2018-04-19T15:00:00+07:00',
    },
    {
      key: 'news-1238',
      title: 'Hội nghị phổ biến Luật Hợp tác xã năm 2012 cho cán bộ cấp xã',
      summary:
        'Hơn 150 cán bộ phụ trách kinh tế tập thể của các xã, phường, thị trấn được phổ biến những điểm mới của Luật Hợp tác xã và các chính sách hỗ trợ thành lập mới hợp tác xã.',
      url: `${htx}/hoi-nghi-pho-bien-luat-hop-tac-xa-1238.html`,
      image: ['/img/thu-vien-hoi-nghi.svg', 'Hình vẽ: hội trường, phông đỏ và các đại biểu', 240, 160],
      author: 'Ban Tuyên truyền',
      category: 'hoat-dong-lien-minh',
      published: '2018-04-25T08:30:00+07:00',
    },
    {
      key: 'news-1236',
      title: 'Hợp tác xã chè Tân Cương được chứng nhận sản xuất theo tiêu chuẩn VietGAP',
      summary: 'Toàn bộ 25 ha chè của các thành viên hợp tác xã được cấp chứng nhận VietGAP, mở đường cho sản phẩm vào các chuỗi siêu thị trong và ngoài tỉnh.',
      url: `${htx}/hop-tac-xa-che-tan-cuong-vietgap-1236.html`,
      image: ['/img/thu-vien-doi-che.svg', 'Hình vẽ: những đồi chè xanh dưới nắng sớm', 240, 160],
      author: 'Phòng Tư vấn - Hỗ trợ',
      category: 'kinh-te-tap-the',
      published: '2018-04-23T09:15:00+07:00',
    },
    {
      key: 'tb-0420',
      title: 'Thông báo tuyển dụng viên chức làm việc tại Liên minh HTX tỉnh năm 2018',
      summary: 'Liên minh HTX tỉnh thông báo tuyển dụng 02 viên chức chuyên ngành kinh tế; hồ sơ nhận đến hết ngày 20/5/2018.',
      url: 'https://htx.example.gov.vn/thong-bao/tuyen-dung-vien-chuc-2018-420.html',
      author: 'Văn phòng',
      category: 'thong-bao',
      published: '2018-04-20T07:30:00+07:00',
    },
    {
      key: 'news-1231',
      title: 'Gian hàng hợp tác xã tại Hội chợ nông sản an toàn Thái Nguyên',
      summary:
        'Hai mươi hợp tác xã mang chè, gạo bao thai, mật ong và rau an toàn đến hội chợ; nhiều hợp đồng bao tiêu sản phẩm được ký kết ngay tại gian hàng.',
      url: `${htx}/gian-hang-hop-tac-xa-tai-hoi-cho-1231.html`,
      image: ['/img/thu-vien-gian-hang.svg', 'Hình vẽ: gian hàng trưng bày chè và gạo', 240, 160],
      author: 'Ban Tuyên truyền',
      category: 'hoat-dong-lien-minh',
      published: '2018-04-12T16:20:00+07:00',
    },
    {
      key: 'news-1227',
      title: 'Cánh đồng mẫu lớn giúp xã viên Phú Bình giảm chi phí sản xuất',
      summary: 'Liên kết gieo cấy một giống lúa, dùng chung dịch vụ làm đất và thu hoạch, xã viên hợp tác xã giảm gần 15% chi phí mỗi vụ.',
      url: `${htx}/canh-dong-mau-lon-phu-binh-1227.html`,
      image: ['/img/thu-vien-canh-dong.svg', 'Hình vẽ: cánh đồng lúa chín, một chiếc nón lá', 240, 160],
      author: 'Phòng Tư vấn - Hỗ trợ',
      category: 'kinh-te-tap-the',
      published: '2018-04-05T10:00:00+07:00',
    },
    {
      key: 'news-1224',
      title: 'Đặc sản gạo bao thai Định Hóa có mặt tại các siêu thị',
      summary: 'Sản phẩm gạo bao thai của hợp tác xã được đóng gói, dán tem truy xuất nguồn gốc và bày bán tại siêu thị ở Thái Nguyên và Hà Nội.',
      url: `${htx}/gao-bao-thai-dinh-hoa-vao-sieu-thi-1224.html`,
      author: 'Ban Tuyên truyền',
      category: 'kinh-te-tap-the',
      published: '2018-03-28T14:45:00+07:00',
    },
  ],
  daitu: [
    {
      key: 'daitu-news-42',
      title: 'Đại Từ: Hợp tác xã chè liên kết sản xuất, nâng giá trị sản phẩm',
      summary:
        'Những năm gần đây, các hợp tác xã chè trên địa bàn huyện Đại Từ từng bước đổi mới cách làm, chuyển từ sản xuất nhỏ lẻ sang liên kết theo chuỗi, giúp thành viên yên tâm gắn bó với cây chè.',
      url: `${daitu}/hop-tac-xa-che-lien-ket-san-xuat-42.html`,
      image: ['/img/hop-tac-xa-che.svg', 'Hình vẽ minh họa: hai thành viên hợp tác xã hái chè trên đồi chè xanh', 800, 450],
      author: 'Ban Biên tập',
      category: 'kinh-te',
      published: '2018-05-14T08:30:00+07:00',
    },
    {
      key: 'daitu-news-41',
      title: 'Khai mạc Tuần Văn hóa – Du lịch Hồ Núi Cốc năm 2018',
      summary: 'Tuần lễ có hội thi pha trà, trình diễn văn nghệ dân gian của đồng bào các dân tộc và phiên chợ sản phẩm OCOP của các xã.',
      url: `${daitu}/tuan-van-hoa-du-lich-ho-nui-coc-41.html`,
      image: ['/img/thu-vien-doi-che.svg', 'Hình vẽ: những đồi chè xanh dưới nắng sớm', 240, 160],
      author: 'Ban Biên tập',
      category: 'van-hoa-xa-hoi',
      published: '2018-05-02T19:00:00+07:00',
    },
    {
      key: 'daitu-news-40',
      title: 'Xã La Bằng đạt chuẩn nông thôn mới',
      summary: 'Sau 7 năm xây dựng, xã La Bằng hoàn thành 19 tiêu chí; thu nhập bình quân đầu người đạt 32 triệu đồng/năm, chủ yếu từ cây chè.',
      url: `${daitu}/xa-la-bang-dat-chuan-nong-thon-moi-40.html`,
      author: 'Ban Biên tập',
      category: 'kinh-te',
      published: '2018-04-26T10:00:00+07:00',
    },
    {
      key: 'daitu-news-39',
      title: 'Sửa chữa đường liên xã Hoàng Nông – La Bằng trước mùa mưa',
      summary: 'Gần 6 km đường được vá ổ gà, khơi thông rãnh thoát nước, bảo đảm đi lại cho người dân và xe chở chè trong mùa mưa bão.',
      url: `${daitu}/sua-chua-duong-hoang-nong-la-bang-39.html`,
      author: 'Ban Biên tập',
      category: 'kinh-te',
      published: '2018-04-18T15:30:00+07:00',
    },
    {
      key: 'daitu-news-38',
      title: 'Lớp tập huấn chăm sóc chè theo tiêu chuẩn VietGAP cho nông dân xã Phú Xuyên',
      summary: 'Gần 60 hộ trồng chè được hướng dẫn ghi nhật ký sản xuất, sử dụng phân bón và thuốc bảo vệ thực vật an toàn.',
      url: `${daitu}/tap-huan-che-vietgap-phu-xuyen-38.html`,
      author: 'Ban Biên tập',
      category: 'kinh-te',
      published: '2018-04-10T08:00:00+07:00',
    },
  ],
};

/** SQL for the demo's categories and articles (the sites must exist; each row finds its site by slug). */
export function articlesSql() {
  const site = (slug) => `(SELECT id FROM sites WHERE slug = ${sqlText(slug)})`;
  const category = (slug, name) => (name ? `(SELECT id FROM categories WHERE site_id = ${site(slug)} AND slug = ${sqlText(name)})` : 'NULL');
  const value = (v) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : sqlText(v));
  const sql = [];
  for (const [slug, list] of Object.entries(categories)) {
    for (const [name, title, parent, weight] of list) {
      sql.push(
        `INSERT INTO categories (site_id, slug, title, parent_id, weight) VALUES (${site(slug)}, ${sqlText(name)}, ${sqlText(title)}, ${category(slug, parent)}, ${weight});`,
      );
    }
  }
  for (const [slug, list] of Object.entries(articles)) {
    for (const a of list) {
      // the id orders articles by publication: Unix seconds × 2^20 (see migrations/0003)
      const published = Date.parse(a.published) / 1000;
      const [imageUrl, imageAlt, width, height] = a.image ?? [];
      const values = [
        published * 1_048_576,
        site(slug),
        a.key,
        a.title,
        a.summary,
        a.url,
        imageUrl,
        imageAlt,
        width,
        height,
        a.author,
        a.poster,
        a.source ?? DEMO,
        category(slug, a.category),
        published,
        published,
      ];
      sql.push(
        `INSERT INTO articles (id, site_id, external_key, title, summary, url, image_url, image_alt, image_width, image_height, author, poster, source, category_id, published_at, updated_at) VALUES (${values.map((v, i) => (i === 1 || i === 13 ? v : value(v))).join(', ')});`,
      );
    }
  }
  return sql.join('\n');
}
