//go:build windows

package failure

import (
	"syscall"

	"golang.org/x/sys/windows"
)

// osClasses maps Windows error codes to classes. Windows reports a file open
// in Excel as a sharing or lock violation, and a full disk by its own codes,
// not by the Unix numbers Go's syscall package invents for Windows.
var osClasses = map[syscall.Errno]Class{
	windows.ERROR_DISK_FULL:            DiskFull,
	windows.ERROR_HANDLE_DISK_FULL:     DiskFull,
	windows.ERROR_DISK_QUOTA_EXCEEDED:  DiskFull,
	windows.ERROR_WRITE_PROTECT:        ReadOnly,
	windows.ERROR_ACCESS_DENIED:        Permission,
	windows.ERROR_SHARING_VIOLATION:    InUse,
	windows.ERROR_LOCK_VIOLATION:       InUse,
	windows.ERROR_USER_MAPPED_FILE:     InUse,
	windows.ERROR_CRC:                  DiskIO,
	windows.ERROR_IO_DEVICE:            DiskIO,
	windows.ERROR_NOT_READY:            DiskIO,
	windows.ERROR_DEV_NOT_EXIST:        DiskIO,
	windows.ERROR_NETNAME_DELETED:      DiskIO,
	windows.ERROR_FILENAME_EXCED_RANGE: NameTooLong,
	windows.ERROR_DIRECTORY:            NotFolder,
	windows.ERROR_FILE_NOT_FOUND:       NotFound,
	windows.ERROR_PATH_NOT_FOUND:       NotFound,
}
