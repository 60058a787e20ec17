using System.Text;
using Territorio.Web.Rehab;

namespace Territorio.Web.Tests.Rehab;

/// <summary>Uploaded SDO files are health data: private while they exist, gone after a crash.</summary>
public sealed class SdoUploadFilesTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("territorio-upload-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task Upload_IsOwnerOnly_AndGoneWhenDisposed()
    {
        using (var upload = await SdoUpload.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("record_id\nR1\n")), "sdo.csv", 1 << 20, _temp, TestContext.Current.CancellationToken))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(upload.Path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
                File.GetUnixFileMode(Path.GetDirectoryName(upload.Path)!).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        Directory.GetFileSystemEntries(_temp).ShouldBeEmpty();
    }

    [Fact]
    public void StartUp_RemovesTheUploadsOfProcessesThatAreGone_KeepsLiveOnesAndOthers()
    {
        string crashed = Directory.CreateDirectory(Path.Combine(_temp, $"territorio-sdo-{int.MaxValue}-abc")).FullName;
        File.WriteAllText(Path.Combine(crashed, "sdo.csv"), "dati sanitari");
        string older = Directory.CreateDirectory(Path.Combine(_temp, "territorio-sdo-0123456789abcdef")).FullName;
        string live = Directory.CreateDirectory(Path.Combine(_temp, $"territorio-sdo-{Environment.ProcessId}-def")).FullName;
        string other = Directory.CreateDirectory(Path.Combine(_temp, "altro")).FullName;

        int removed = SdoUpload.RemoveLeftovers(_temp);

        removed.ShouldBe(2);
        Directory.Exists(crashed).ShouldBeFalse();
        Directory.Exists(older).ShouldBeFalse();
        Directory.Exists(live).ShouldBeTrue();
        Directory.Exists(other).ShouldBeTrue();
    }
}
