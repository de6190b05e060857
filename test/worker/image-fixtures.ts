// Pictures for the upload tests, made with sharp when the tests start (no binary fixtures in the
// repository) and handed to the worker tests as a binding of base64 strings.
import sharp from 'sharp';

const base64 = (buffer: Buffer) => buffer.toString('base64');

// A small, well-formed EXIF block with a GPS position (Hà Nội), as a phone writes one.
const gps = {
  IFD0: { Make: 'TestPhone', Model: 'GPS fixture' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 41/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 2/1' },
};

export async function imageFixtures(): Promise<Record<string, string>> {
  const picture = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 60 } } });
  return {
    jpegWithGps: base64(await picture(1200, 800).jpeg().withExif(gps).toBuffer()),
    smallJpeg: base64(await picture(200, 150).jpeg().toBuffer()),
    png: base64(await picture(400, 300).png().toBuffer()),
    webp: base64(await picture(700, 500).webp().toBuffer()),
    avif: base64(await picture(360, 240).avif().toBuffer()),
    gif: base64(await picture(40, 30).gif().toBuffer()),
  };
}
