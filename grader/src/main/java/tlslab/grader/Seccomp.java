package tlslab.grader;

import java.nio.*;
import java.util.*;

/**
 * The seccomp filter bubblewrap installs ({@code bwrap --seccomp FD}) before it starts student code:
 * a classic BPF program (struct sock_filter[], see seccomp(2)) that lets threads be made but not
 * processes, and refuses the calls that reach other processes or the kernel's namespaces. Everything
 * else is allowed; the namespaces, the unprivileged uid and the rlimits do the rest.
 */
final class Seccomp {
    private static final int LD_W_ABS = 0x20, JEQ = 0x15, JGE = 0x35, JSET = 0x45, RET = 0x06;
    private static final int ALLOW = 0x7fff0000, KILL_PROCESS = 0x80000000, ERRNO = 0x00050000;
    private static final int EPERM = 1, ENOSYS = 38;
    private static final int CLONE_THREAD = 0x00010000;
    private static final int OFFSET_NR = 0, OFFSET_ARCH = 4, OFFSET_ARG0 = 16;   // struct seccomp_data, little-endian

    /** System call numbers of one architecture. */
    private record Arch(int auditArch, int cloneNr, int clone3Nr, boolean x32, List<Integer> refused) {
    }

    private static final Map<String, Arch> ARCHES = Map.of(
            // fork, vfork, ptrace, process_vm_readv/writev, unshare, setns, mount, umount2, chroot, pivot_root,
            // keyctl, add_key, request_key, bpf, perf_event_open, userfaultfd, io_uring_setup, sched_setaffinity
            "amd64", new Arch(0xC000003E, 56, 435, true,
                    List.of(57, 58, 101, 310, 311, 272, 308, 165, 166, 161, 155, 250, 248, 249, 321, 298, 323, 425, 203)),
            "aarch64", new Arch(0xC00000B7, 220, 435, false,
                    List.of(117, 270, 271, 97, 268, 40, 39, 51, 41, 219, 217, 218, 280, 241, 282, 425, 122)));

    private Seccomp() {
    }

    /** Whether this machine's architecture has a filter. */
    static boolean supported() {
        return ARCHES.containsKey(System.getProperty("os.arch"));
    }

    /** The compiled filter for this machine, as bwrap reads it from a file descriptor. */
    static byte[] program() {
        Arch a = ARCHES.get(System.getProperty("os.arch"));
        if (a == null) throw new IllegalStateException("no seccomp filter for " + System.getProperty("os.arch"));
        List<int[]> p = new ArrayList<>();   // {code, jt, jf, k}
        p.add(new int[] {LD_W_ABS, 0, 0, OFFSET_ARCH});
        p.add(new int[] {JEQ, 1, 0, a.auditArch});
        p.add(new int[] {RET, 0, 0, KILL_PROCESS});          // another ABI (e.g. i386 on x86_64): never legitimate here
        p.add(new int[] {LD_W_ABS, 0, 0, OFFSET_NR});
        if (a.x32) p.add(new int[] {JGE, 0, 1, 0x40000000});
        if (a.x32) p.add(new int[] {RET, 0, 0, ERRNO | EPERM});
        // clone3 passes its flags in memory, out of a filter's sight: ENOSYS makes glibc fall back to clone
        p.add(new int[] {JEQ, 0, 1, a.clone3Nr});
        p.add(new int[] {RET, 0, 0, ERRNO | ENOSYS});
        p.add(new int[] {JEQ, 0, 4, a.cloneNr});
        p.add(new int[] {LD_W_ABS, 0, 0, OFFSET_ARG0});
        p.add(new int[] {JSET, 1, 0, CLONE_THREAD});         // a thread of this process: allowed
        p.add(new int[] {RET, 0, 0, ERRNO | EPERM});        // a new process (fork, posix_spawn, vfork): refused
        p.add(new int[] {RET, 0, 0, ALLOW});
        for (int nr : a.refused) {
            p.add(new int[] {JEQ, 0, 1, nr});
            p.add(new int[] {RET, 0, 0, ERRNO | EPERM});
        }
        p.add(new int[] {RET, 0, 0, ALLOW});
        ByteBuffer b = ByteBuffer.allocate(8 * p.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] i : p) b.putShort((short) i[0]).put((byte) i[1]).put((byte) i[2]).putInt(i[3]);
        return b.array();
    }
}
