//go:build !windows

package failure

import "syscall"

// osClasses maps the error numbers of Unix systems to classes.
var osClasses = map[syscall.Errno]Class{
	syscall.ENOSPC:       DiskFull,
	syscall.EDQUOT:       DiskFull,
	syscall.EFBIG:        DiskFull,
	syscall.EROFS:        ReadOnly,
	syscall.EACCES:       Permission,
	syscall.EPERM:        Permission,
	syscall.EIO:          DiskIO,
	syscall.ENXIO:        DiskIO,
	syscall.ENOTDIR:      NotFolder,
	syscall.ENAMETOOLONG: NameTooLong,
	syscall.ETXTBSY:      InUse,
	syscall.EBUSY:        InUse,
	syscall.ENOENT:       NotFound,
}
