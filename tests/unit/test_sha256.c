/* SHA-256 (src/sha256.c) against independent digests: the FIPS 180-4 /
 * NIST example messages, and messages of the lengths where the padding
 * changes shape (55 bytes still fit the length in one block, 56 need a
 * second; the same around 64 and 120). The digests of the generated
 * messages were computed once with python3's hashlib and are written here
 * as constants, so the test never compares the code with itself. */
#include "testutil.h"

#include "sha256.h"

/* Each message is hashed in a buffer of its own size (ASan sees a read
 * past its end) and at an odd address (no alignment assumed). */
static void expect_digest(const void *msg, size_t len, const char *want)
{
	unsigned char *copy = malloc(len + 1);
	char got[65];

	assert_non_null(copy);
	if (len)
		memcpy(copy + 1, msg, len);
	memset(got, 'X', sizeof got);
	sha256_hex(copy + 1, len, got);
	free(copy);
	if (got[64] != '\0' || strcmp(got, want) != 0)
		fail_msg("sha256 of %zu bytes: %.64s, expected %s", len, got, want);
}

static void expect_text(const char *msg, const char *want)
{
	expect_digest(msg, strlen(msg), want);
}

/* ---- FIPS 180-4 / NIST CSRC example messages ---- */

static void test_empty(void **state)
{
	(void)state;
	expect_text("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_abc(void **state)
{
	(void)state;
	expect_text("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* 448 bits: the length no longer fits the first block. */
static void test_448_bits(void **state)
{
	(void)state;
	expect_text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_896_bits(void **state)
{
	(void)state;
	expect_text("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		    "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_million_a(void **state)
{
	size_t n = 1000000;
	char *a = malloc(n);

	(void)state;
	assert_non_null(a);
	memset(a, 'a', n);
	expect_digest(a, n, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

/* ---- padding edge cases ---- */

/* Byte i of a message is (7i + 3) mod 256: every bit pattern in time, so a
 * byte read as signed char or the wrong byte order shows. Expected values
 * from python3: hashlib.sha256(bytes((i*7+3) & 0xff for i in range(n))). */
static void pattern(unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)((i * 7 + 3) & 0xff);
}

static void test_padding_lengths(void **state)
{
	static const struct {
		size_t len;
		const char *want;
	} cases[] = {
		{ 55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b" },
		{ 56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27" },
		{ 57, "35df609437dcfea3279283ab79fd554e2bf78f8f7ae2de532d8ee300b09e8f73" },
		{ 63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055" },
		{ 64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241" },
		{ 65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e" },
		{ 119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e" },
		{ 120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5" },
	};
	unsigned char buf[128];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		pattern(buf, cases[i].len);
		expect_digest(buf, cases[i].len, cases[i].want);
	}
}

/* Every byte value once, high bytes included (hashlib: bytes(range(256))). */
static void test_all_byte_values(void **state)
{
	unsigned char buf[256];

	(void)state;
	for (int i = 0; i < 256; i++)
		buf[i] = (unsigned char)i;
	expect_digest(buf, sizeof buf, "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_abc),
		cmocka_unit_test(test_448_bits),
		cmocka_unit_test(test_896_bits),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_padding_lengths),
		cmocka_unit_test(test_all_byte_values),
	};

	return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
