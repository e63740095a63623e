package org.igem.nlp;

/** Stable merge sort of an int array (indices) by a comparator, without boxing. */
final class IntSort {
    interface IntComparator {
        int compare(int a, int b);
    }

    private IntSort() {
    }

    static void sort(int[] a, int from, int to, IntComparator c) {
        int n = to - from;
        if (n < 2) {
            return;
        }
        if (n <= 24) {
            insertion(a, from, to, c);
            return;
        }
        int[] tmp = new int[n];
        mergeSort(a, tmp, from, to, c);
    }

    private static void insertion(int[] a, int from, int to, IntComparator c) {
        for (int i = from + 1; i < to; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= from && c.compare(a[j], v) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, IntComparator c) {
        if (to - from <= 24) {
            insertion(a, from, to, c);
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, c);
        mergeSort(a, tmp, mid, to, c);
        if (c.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        int n = to - from;
        System.arraycopy(a, from, tmp, 0, n);
        int i = 0;
        int j = mid - from;
        int k = from;
        int m = mid - from;
        while (i < m && j < n) {
            a[k++] = c.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
        }
        while (i < m) {
            a[k++] = tmp[i++];
        }
        while (j < n) {
            a[k++] = tmp[j++];
        }
    }
}
