// "Liên kết Website" of the demo province portal: the agencies the Thái Nguyên Cooperative
// Alliance links to, by their public names and official addresses (as of the seed page's world,
// before the 2025 merger of provinces and the end of the district level: some of these sites
// will move, which is what the link health check is for).
import { sqlText } from '../scripts/wrangler.mjs';

export const demoLinks = {
  site: 'htx-thainguyen',
  categories: [
    {
      slug: 'tinh-thai-nguyen',
      title: 'Tỉnh Thái Nguyên',
      links: [
        { title: 'Cổng thông tin điện tử tỉnh Thái Nguyên', url: 'https://thainguyen.gov.vn/' },
        { title: 'Sở Nông nghiệp và Phát triển nông thôn', url: 'https://snnptnt.thainguyen.gov.vn/' },
        { title: 'Sở Kế hoạch và Đầu tư', url: 'https://skhdt.thainguyen.gov.vn/' },
      ],
    },
    {
      slug: 'trung-uong',
      title: 'Trung ương',
      links: [
        { title: 'Cổng thông tin điện tử Chính phủ', url: 'https://chinhphu.vn/' },
        { title: 'Liên minh Hợp tác xã Việt Nam', url: 'https://vca.org.vn/' },
        { title: 'Bộ Kế hoạch và Đầu tư', url: 'https://www.mpi.gov.vn/' },
        { title: 'Bộ Nông nghiệp và Phát triển nông thôn', url: 'https://www.mard.gov.vn/' },
      ],
    },
    {
      slug: 'huyen-thanh-pho',
      title: 'Huyện, thành phố',
      links: [
        { title: 'Cổng thông tin điện tử huyện Đại Từ', url: 'https://daitu.thainguyen.gov.vn/' },
        { title: 'Cổng thông tin điện tử huyện Định Hóa', url: 'https://dinhhoa.thainguyen.gov.vn/' },
        { title: 'Cổng thông tin điện tử huyện Phú Lương', url: 'https://phuluong.thainguyen.gov.vn/' },
        { title: 'Cổng thông tin điện tử huyện Võ Nhai', url: 'https://vonhai.thainguyen.gov.vn/' },
        { title: 'Cổng thông tin điện tử thành phố Sông Công', url: 'https://songcong.thainguyen.gov.vn/' },
      ],
    },
  ],
};

/** SQL inserting the demo directory; categories and links find their site by slug. */
export function linksSeedSql({ site, categories } = demoLinks) {
  const siteId = `(SELECT id FROM sites WHERE slug = ${sqlText(site)})`;
  return categories
    .flatMap((category, c) => [
      `INSERT INTO link_categories (site_id, slug, title, weight) VALUES (${siteId}, ${sqlText(category.slug)}, ${sqlText(category.title)}, ${c});`,
      ...category.links.map(
        (link, l) =>
          `INSERT INTO links (site_id, category_id, title, url, weight) SELECT ${siteId}, id, ${sqlText(link.title)}, ${sqlText(link.url)}, ${l} FROM link_categories WHERE site_id = ${siteId} AND slug = ${sqlText(category.slug)};`,
      ),
    ])
    .join('\n');
}
