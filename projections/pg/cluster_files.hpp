#pragma once
// The files of an embedded cluster that we write or read ourselves: our
// settings, the include line, PG_VERSION, postmaster.pid; and the rules
// for paths (socket length, characters) and connection strings.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "projections/pg/embedded_cluster.hpp"
#include "protocol/error.hpp"

namespace streamhub::projections {

/// The name of our settings file inside the data directory.
inline constexpr std::string_view settings_file_name = "streamhub.conf";

/// The text of streamhub.conf for `options`, with the socket in `socket_dir`.
std::string settings_text(const embedded_cluster_options& options,
                          const std::filesystem::path& socket_dir);

/// Appends `include_if_exists 'streamhub.conf'` to `postgresql_conf` unless
/// it is there already. Errors: io_error.
result<void> ensure_settings_included(const std::filesystem::path& postgresql_conf);

/// Writes `text` to `path` atomically (temporary file, then rename), mode
/// 0600, owned by `owner` when given. Errors: io_error.
result<void> write_file(const std::filesystem::path& path, std::string_view text,
                        const std::optional<system_user>& owner);

/// The last `max_chars` of a file, or "" when it cannot be read.
std::string file_tail(const std::filesystem::path& path, std::size_t max_chars = 800);

/// The major version in `data_dir`/PG_VERSION, if the file exists.
std::optional<int> read_pg_version(const std::filesystem::path& data_dir);

/// The process id on the first line of a PostgreSQL lock file
/// (postmaster.pid, .s.PGSQL.<port>.lock), if the file exists.
std::optional<int> read_lock_pid(const std::filesystem::path& lock_file);

/// invalid when `data_dir` is relative or holds a character pg_ctl's shell
/// command would misread: quotes, '$', '`', '\' or a newline.
result<void> validate_data_dir(const std::filesystem::path& data_dir);

/// True when a socket for `port` in `dir` fits the 107 bytes of sun_path and
/// `dir` holds only characters that need no quoting in a settings list.
bool usable_socket_dir(const std::filesystem::path& dir, std::uint16_t port);

/// `value` as a quoted libpq connection-string value: 'it''s' -> 'it\'s'.
std::string conninfo_quote(std::string_view value);

}  // namespace streamhub::projections
