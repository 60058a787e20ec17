using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Territorio.Data;

namespace Territorio.Web.Security;

/// <summary>Section <c>Security</c>: bearer-token settings.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>Base64 HMAC key (≥ 32 bytes) for bearer tokens; when empty, a key generated at first
    /// run is kept in the data folder (<see cref="SigningKeyFile"/>). Never commit a key.</summary>
    public string? JwtSigningKey { get; set; }

    /// <summary>Lifetime of a bearer token, in minutes.</summary>
    public int TokenLifetimeMinutes { get; set; } = 30;

    public const string Issuer = "territorio";
    public const string Audience = "territorio-api";
    public const string SigningKeyFile = "jwt-signing.key";

    /// <summary>The configured key, else the data folder's key file, created (owner-only) when missing.</summary>
    public SymmetricSecurityKey SigningKey(DatabaseOptions database)
    {
        if (JwtSigningKey is { Length: > 0 } configured)
        {
            byte[] bytes = Convert.FromBase64String(configured);
            if (bytes.Length < 32)
            {
                throw new InvalidOperationException("Security:JwtSigningKey deve essere di almeno 32 byte (base64)");
            }

            return new SymmetricSecurityKey(bytes);
        }

        Directory.CreateDirectory(database.DataDirectory);
        string path = Path.Combine(database.DataDirectory, SigningKeyFile);
        if (!File.Exists(path))
        {
            byte[] fresh = RandomNumberGenerator.GetBytes(64);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var file = new FileStream(path, options);
                file.Write(fresh);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        return new SymmetricSecurityKey(File.ReadAllBytes(path));
    }
}
