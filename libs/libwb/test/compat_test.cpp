// The compat lab programs (test/compat/*.cpp, built by `make compat-cpp`), run as the platform
// and students run them: local mode prints "Solution is correct.", graded mode writes the output
// the worker expects and a report with the program's timers and logs.
#include "harness.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

using namespace wbtest;

namespace {

const std::string kCorrect = "Solution is correct.\n";

std::string program(const std::string &name) {
  const std::string path = buildDirectory() + "/compat/" + name;
  if (!fileExists(path)) {
    ++failures;
    std::fprintf(stderr, "    %s is missing: build it with `make compat-cpp`\n", path.c_str());
  }
  return path;
}

// Local mode, then graded mode: the output written must pass the same check.
void checkBothModes(const std::string &name, const std::string &inputs, const std::string &expected,
                    const std::string &type) {
  const std::string path = program(name);
  const Run local = runExecutable(path, {"-i", inputs, "-e", expected, "-t", type}, false);
  CHECK_EQ(local.exitCode, 0);
  CHECK_EQ(local.out, kCorrect);
  if (local.out != kCorrect) std::fprintf(stderr, "    %s stderr: %s\n", name.c_str(), local.err.c_str());

  const std::string extension = expected.substr(expected.rfind('.'));
  const std::string output = "output" + extension;
  const Run graded = runExecutable(path, {"-i", inputs, "-o", output, "-t", type});
  CHECK_EQ(graded.exitCode, 0);
  CHECK_EQ(graded.out, std::string());
  CHECK_CONTAINS(graded.report, "\"solution\":{\"produced\":true,\"checked\":false");
  checkValidJson(graded.report);
  const Run recheck = runExecutable(path, {"-i", inputs, "-e", output, "-t", type});
  CHECK_EQ(recheck.out, kCorrect);
}

} // namespace

TEST_CASE(compatVectorAdd, "compat: vector_add.cpp (local and graded mode, report)") {
  const int n = 1000; // not a multiple of any block size
  std::vector<float> a(n), b(n), sum(n);
  for (int i = 0; i < n; ++i) {
    a[i] = static_cast<float>(i) * 0.37f - 50;
    b[i] = std::sin(static_cast<float>(i));
    sum[i] = a[i] + b[i];
  }
  wbExport("input0.raw", a.data(), n);
  wbExport("input1.raw", b.data(), n);
  wbExport("expected.raw", sum.data(), n);
  checkBothModes("vector_add", "input0.raw,input1.raw", "expected.raw", "vector");
  CHECK(readFile("output.raw") == readFile("expected.raw"));

  const Run graded = runExecutable(program("vector_add"), {"-i", "input0.raw,input1.raw", "-o", "output.raw"});
  CHECK_CONTAINS(graded.report, "{\"kind\":\"Generic\",\"message\":\"Importing data and creating memory on host\"");
  CHECK_CONTAINS(graded.report, "{\"kind\":\"Compute\",\"message\":\"Performing the computation\"");
  CHECK_CONTAINS(graded.report, "{\"level\":\"TRACE\",\"message\":\"The input length is 1000\",\"file\":\"vector_add.cpp\"");

  // A wrong expected output is reported, not an error.
  sum[999] += 1;
  wbExport("wrong.raw", sum.data(), n);
  const Run wrong = runExecutable(program("vector_add"), {"-i", "input0.raw,input1.raw", "-e", "wrong.raw"}, false);
  CHECK_EQ(wrong.exitCode, 0);
  CHECK_CONTAINS(wrong.out, "Solution is NOT correct: the solution did not match the expected result at index 999:");
  // A missing input stops the program naming it.
  const Run missing = runExecutable(program("vector_add"), {"-i", "input0.raw,nope.raw", "-e", "expected.raw"});
  CHECK_EQ(missing.exitCode, 1);
  CHECK_CONTAINS(missing.err, "libwb: nope.raw: cannot open: No such file or directory\n");
}

TEST_CASE(compatMatrixMultiply, "compat: matrix_multiply.cpp (raw and csv matrices)") {
  const int m = 17, k = 9, n = 33;
  std::vector<float> a(m * k), b(k * n), c(m * n);
  for (int i = 0; i < m * k; ++i) a[i] = static_cast<float>((i * 7) % 11) - 5.5f;
  for (int i = 0; i < k * n; ++i) b[i] = static_cast<float>((i * 5) % 13) * 0.25f;
  for (int row = 0; row < m; ++row) {
    for (int col = 0; col < n; ++col) {
      float total = 0;
      for (int i = 0; i < k; ++i) total += a[row * k + i] * b[i * n + col];
      c[row * n + col] = total;
    }
  }
  wbExport("input0.raw", a.data(), m, k);
  wbExport("input1.raw", b.data(), k, n);
  wbExport("expected.raw", c.data(), m, n);
  checkBothModes("matrix_multiply", "input0.raw,input1.raw", "expected.raw", "matrix");

  wbExport("input0.csv", a.data(), m, k);
  wbExport("input1.tsv", b.data(), k, n);
  wbExport("expected.csv", c.data(), m, n);
  checkBothModes("matrix_multiply", "input0.csv,input1.tsv", "expected.csv", "matrix");
  CHECK(readFile("output.csv") == readFile("expected.csv"));

  // The wrong shape is named.
  wbExport("transposed.raw", c.data(), n, m);
  const Run shape = runExecutable(program("matrix_multiply"), {"-i", "input0.raw,input1.raw", "-e", "transposed.raw",
                                                               "-t", "matrix"});
  CHECK_EQ(shape.out, "Solution is NOT correct: expected a 33 x 17 matrix (rows x cols), got 17 x 33\n");
}

TEST_CASE(compatImageConvolution, "compat: image_convolution.cpp (PPM image, csv mask)") {
  const int width = 23, height = 11, channels = 3;
  std::string image = "P6\n# generated by the libwb tests\n" + std::to_string(width) + " " + std::to_string(height) +
                      "\n255\n";
  std::vector<float> pixels(width * height * channels);
  for (int i = 0; i < width * height * channels; ++i) {
    const int sample = (i * 37 + i / 7) % 256;
    image += static_cast<char>(sample);
    pixels[i] = static_cast<float>(sample) / 255.0f;
  }
  writeFile("input0.ppm", image);
  float mask[25];
  for (int i = 0; i < 25; ++i) mask[i] = (i % 3 == 0 ? 0.08f : 0.02f);
  wbExport("input1.csv", mask, 5, 5);

  wbImage_t expected = wbImage_new(width, height, channels);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      for (int c = 0; c < channels; ++c) {
        float total = 0;
        for (int i = -2; i <= 2; ++i) {
          for (int j = -2; j <= 2; ++j) {
            if (y + i < 0 || y + i >= height || x + j < 0 || x + j >= width) continue;
            total += pixels[((y + i) * width + x + j) * channels + c] * mask[(i + 2) * 5 + j + 2];
          }
        }
        wbImage_getData(expected)[(y * width + x) * channels + c] = std::min(std::max(total, 0.0f), 1.0f);
      }
    }
  }
  wbExport("expected.ppm", expected);
  wbImage_delete(expected);
  checkBothModes("image_convolution", "input0.ppm,input1.csv", "expected.ppm", "image");
  CHECK(readFile("output.ppm") == readFile("expected.ppm"));

  // Another image is named by its first differing pixel.
  std::string other = readFile("expected.ppm");
  other[other.size() - 1] = static_cast<char>(static_cast<unsigned char>(other.back()) ^ 0x80);
  writeFile("other.ppm", other);
  const Run wrong = runExecutable(program("image_convolution"), {"-i", "input0.ppm,input1.csv", "-e", "other.ppm"});
  CHECK_CONTAINS(wrong.out, "at pixel (x 22, y 10), channel 2 (index 758)");
}

TEST_CASE(compatHistogram, "compat: histogram.cpp (\"Integer\" input, unsigned int bins, exact)") {
  std::vector<int> values;
  unsigned int bins[8] = {0};
  for (int i = 0; i < 500; ++i) {
    const int value = (i * i + 3 * i) % 11; // 8..10 fall outside the bins
    values.push_back(i % 2 == 0 ? 3 : value);
  }
  for (int value : values)
    if (value < 8 && bins[value] < 127) ++bins[value];
  wbExport("input0.raw", values.data(), static_cast<int>(values.size()));
  wbExport("expected.raw", bins, 8);
  CHECK_EQ(bins[3], 127u); // the saturation is exercised
  checkBothModes("histogram", "input0.raw", "expected.raw", "histogram");
  bins[0] += 1;
  wbExport("wrong.raw", bins, 8);
  const Run wrong = runExecutable(program("histogram"), {"-i", "input0.raw", "-e", "wrong.raw", "-t", "histogram"});
  CHECK_CONTAINS(wrong.out, "at index 0: expected " + std::to_string(bins[0]) + ", got " + std::to_string(bins[0] - 1));
}
