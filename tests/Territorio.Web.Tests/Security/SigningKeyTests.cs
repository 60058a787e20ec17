using Territorio.Data;
using Territorio.Web.Security;

namespace Territorio.Web.Tests.Security;

public sealed class SigningKeyTests
{
    [Fact]
    public void SigningKey_GeneratedOnceInTheDataFolder_ReadableByOwnerOnly()
    {
        string folder = Path.Combine(Path.GetTempPath(), "territorio-key-" + Guid.NewGuid().ToString("N"));
        try
        {
            var database = new DatabaseOptions { DataDirectory = folder };

            var first = new SecurityOptions().SigningKey(database);
            var second = new SecurityOptions().SigningKey(database);

            first.Key.Length.ShouldBe(64);
            second.Key.ShouldBe(first.Key);
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(Path.Combine(folder, SecurityOptions.SigningKeyFile)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void SigningKey_FromConfiguration_TooShort_IsRefused()
    {
        var options = new SecurityOptions { JwtSigningKey = Convert.ToBase64String(new byte[16]) };

        Should.Throw<InvalidOperationException>(() => options.SigningKey(new DatabaseOptions()));
    }
}
